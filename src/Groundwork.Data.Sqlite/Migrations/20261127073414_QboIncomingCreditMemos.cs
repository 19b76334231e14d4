using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QboIncomingCreditMemos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QboIncomingCreditMemos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    QboId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SyncToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DocNumber = table.Column<string>(type: "TEXT", maxLength: 21, nullable: true),
                    TxnDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CustomerQboId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TotalCents = table.Column<long>(type: "INTEGER", nullable: false),
                    RemainingCents = table.Column<long>(type: "INTEGER", nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboIncomingCreditMemos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboIncomingCreditMemos_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QboIncomingCreditMemos_ConnectionId_QboId",
                table: "QboIncomingCreditMemos",
                columns: new[] { "ConnectionId", "QboId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboIncomingCreditMemos_OrganizationId",
                table: "QboIncomingCreditMemos",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QboIncomingCreditMemos");
        }
    }
}
