using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxRowAdopted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Adopted",
                table: "QboOutbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Rows runs hold now: adopted when their trigger is not the run's own (the rule this column replaces).
            migrationBuilder.Sql("""
                UPDATE "QboOutbox" SET "Adopted" = 1 WHERE "RunId" IS NOT NULL AND "Trigger" <> (SELECT CASE WHEN r."All" THEN 'Push All by ' ELSE 'Push by ' END || r."StartedBy" FROM "PushRuns" r WHERE r."Id" = "QboOutbox"."RunId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Adopted",
                table: "QboOutbox");
        }
    }
}
