using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Groundwork.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    DocumentId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Problem = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    RetryAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IntuitTid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    All = table.Column<bool>(type: "boolean", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RunningKey = table.Column<long>(type: "bigint", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LocalId = table.Column<long>(type: "bigint", nullable: false),
                    Operation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RunId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EnqueuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Uncertain = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LocalId = table.Column<long>(type: "bigint", nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Trigger = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Operation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Entity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    RequestId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QboId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SyncToken = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    IntuitTid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
