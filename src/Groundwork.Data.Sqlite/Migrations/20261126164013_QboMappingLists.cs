using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QboMappingLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BatchId",
                table: "QboLinks",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerLayout",
                table: "QboConnections",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "LocationAsSubCustomer");

            migrationBuilder.CreateTable(
                name: "QboListEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    List = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QboId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FullyQualifiedName = table.Column<string>(type: "TEXT", maxLength: 2600, nullable: true),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Subtype = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SyncToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboListEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboListEntries_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QboListRefreshes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    List = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RefreshedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QboListRefreshes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QboListRefreshes_QboConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "QboConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QboListEntries_ConnectionId_List_NameKey",
                table: "QboListEntries",
                columns: new[] { "ConnectionId", "List", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_QboListEntries_ConnectionId_List_QboId",
                table: "QboListEntries",
                columns: new[] { "ConnectionId", "List", "QboId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboListEntries_OrganizationId",
                table: "QboListEntries",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_QboListRefreshes_ConnectionId_List",
                table: "QboListRefreshes",
                columns: new[] { "ConnectionId", "List" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QboListRefreshes_OrganizationId",
                table: "QboListRefreshes",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QboListEntries");

            migrationBuilder.DropTable(
                name: "QboListRefreshes");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "QboLinks");

            migrationBuilder.DropColumn(
                name: "CustomerLayout",
                table: "QboConnections");
        }
    }
}
