using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PaymentSyncDismissed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "SyncDismissedAtUtc",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SyncDismissedBy",
                table: "Payments",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            // Dismissals made before this migration lived on the payment's outbox rows (cleared by Remove integration): moved
            // to the payment, with who and when from the sync log's "dismiss" entry (else the row's time), and the rows dropped.
            migrationBuilder.Sql("""
                UPDATE "Payments" SET
                    "SyncDismissedAtUtc" = COALESCE(
                        (SELECT MAX(l."AtUtc") FROM "QboSyncLog" l WHERE l."Kind" = 'Payment' AND l."LocalId" = "Payments"."Id" AND l."Operation" = 'dismiss'),
                        (SELECT MAX(o."EnqueuedAtUtc") FROM "QboOutbox" o WHERE o."Kind" = 'Payment' AND o."LocalId" = "Payments"."Id" AND o."WaitCode" = 'payment-dismissed')),
                    "SyncDismissedBy" = (SELECT l."Trigger" FROM "QboSyncLog" l WHERE l."Kind" = 'Payment' AND l."LocalId" = "Payments"."Id" AND l."Operation" = 'dismiss'
                        ORDER BY l."Id" DESC LIMIT 1)
                WHERE EXISTS (SELECT 1 FROM "QboOutbox" o WHERE o."Kind" = 'Payment' AND o."LocalId" = "Payments"."Id" AND o."WaitCode" = 'payment-dismissed');
                DELETE FROM "QboOutbox" WHERE "Kind" = 'Payment' AND "WaitCode" = 'payment-dismissed';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SyncDismissedAtUtc",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "SyncDismissedBy",
                table: "Payments");
        }
    }
}
