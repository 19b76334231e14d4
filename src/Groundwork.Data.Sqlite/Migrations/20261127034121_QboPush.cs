using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QboPush : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentSyncs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RetryAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IntuitTid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentSyncs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentSyncs_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DocumentSyncs_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushRuns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    All = table.Column<bool>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RunningKey = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushRuns_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QboOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LocalId = table.Column<long>(type: "INTEGER", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    EnqueuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Uncertain = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboOutbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboOutbox_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QboSyncLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LocalId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QboId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SyncToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    IntuitTid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboSyncLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSyncs_ConnectionId",
                table: "DocumentSyncs",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSyncs_DocumentId",
                table: "DocumentSyncs",
                column: "DocumentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSyncs_OrganizationId",
                table: "DocumentSyncs",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSyncs_OrganizationId_State",
                table: "DocumentSyncs",
                columns: new[] { "OrganizationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PushRuns_ConnectionId",
                table: "PushRuns",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_PushRuns_OrganizationId",
                table: "PushRuns",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PushRuns_RunningKey",
                table: "PushRuns",
                column: "RunningKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboOutbox_ConnectionId",
                table: "QboOutbox",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_QboOutbox_OrganizationId",
                table: "QboOutbox",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_QboOutbox_OrganizationId_DueAtUtc",
                table: "QboOutbox",
                columns: new[] { "OrganizationId", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QboOutbox_OrganizationId_Kind_LocalId",
                table: "QboOutbox",
                columns: new[] { "OrganizationId", "Kind", "LocalId" });

            migrationBuilder.CreateIndex(
                name: "IX_QboOutbox_RunId",
                table: "QboOutbox",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_QboSyncLog_OrganizationId",
                table: "QboSyncLog",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_QboSyncLog_OrganizationId_AtUtc",
                table: "QboSyncLog",
                columns: new[] { "OrganizationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QboSyncLog_OrganizationId_Kind_LocalId",
                table: "QboSyncLog",
                columns: new[] { "OrganizationId", "Kind", "LocalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentSyncs");

            migrationBuilder.DropTable(
                name: "PushRuns");

            migrationBuilder.DropTable(
                name: "QboOutbox");

            migrationBuilder.DropTable(
                name: "QboSyncLog");
        }
    }
}
