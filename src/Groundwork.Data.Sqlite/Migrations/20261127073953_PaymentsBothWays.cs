using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsBothWays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WaitCode",
                table: "QboOutbox",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitReason",
                table: "QboOutbox",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillPaymentAccountId",
                table: "QboConnections",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillPaymentAccountName",
                table: "QboConnections",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillPaymentAccountType",
                table: "QboConnections",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Payments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Groundwork");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WaitCode",
                table: "QboOutbox");

            migrationBuilder.DropColumn(
                name: "WaitReason",
                table: "QboOutbox");

            migrationBuilder.DropColumn(
                name: "BillPaymentAccountId",
                table: "QboConnections");

            migrationBuilder.DropColumn(
                name: "BillPaymentAccountName",
                table: "QboConnections");

            migrationBuilder.DropColumn(
                name: "BillPaymentAccountType",
                table: "QboConnections");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Payments");
        }
    }
}
