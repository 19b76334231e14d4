using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QboLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QboLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LocalId = table.Column<long>(type: "INTEGER", nullable: false),
                    QboType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    QboId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QboIdentity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    QboName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SyncToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboLinks_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QboLinks_ConnectionId_Kind_LocalId",
                table: "QboLinks",
                columns: new[] { "ConnectionId", "Kind", "LocalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboLinks_ConnectionId_QboIdentity",
                table: "QboLinks",
                columns: new[] { "ConnectionId", "QboIdentity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboLinks_OrganizationId",
                table: "QboLinks",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QboLinks");
        }
    }
}
