using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QboStatusBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QboCdcCursors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReconcileAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboCdcCursors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboCdcCursors_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QboWebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    SignatureOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    RealmIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboWebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QboChangeEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                    RealmId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EventKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboChangeEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboChangeEvents_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QboChangeEvents_QboWebhookDeliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "QboWebhookDeliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QboCdcCursors_ConnectionId",
                table: "QboCdcCursors",
                column: "ConnectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboCdcCursors_OrganizationId",
                table: "QboCdcCursors",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_ConnectionId",
                table: "QboChangeEvents",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_DeliveryId",
                table: "QboChangeEvents",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_OrganizationId",
                table: "QboChangeEvents",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_OrganizationId_ProcessedAtUtc",
                table: "QboChangeEvents",
                columns: new[] { "OrganizationId", "ProcessedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_OrganizationId_RealmId_Entity_EntityId_Operation_EventKey",
                table: "QboChangeEvents",
                columns: new[] { "OrganizationId", "RealmId", "Entity", "EntityId", "Operation", "EventKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboChangeEvents_ReceivedAtUtc",
                table: "QboChangeEvents",
                column: "ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_QboWebhookDeliveries_ReceivedAtUtc",
                table: "QboWebhookDeliveries",
                column: "ReceivedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QboCdcCursors");

            migrationBuilder.DropTable(
                name: "QboChangeEvents");

            migrationBuilder.DropTable(
                name: "QboWebhookDeliveries");
        }
    }
}
