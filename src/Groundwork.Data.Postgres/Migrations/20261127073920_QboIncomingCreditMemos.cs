using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Groundwork.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    QboId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SyncToken = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DocNumber = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    TxnDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CustomerQboId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CustomerName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TotalCents = table.Column<long>(type: "bigint", nullable: false),
                    RemainingCents = table.Column<long>(type: "bigint", nullable: false),
                    LineCount = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
