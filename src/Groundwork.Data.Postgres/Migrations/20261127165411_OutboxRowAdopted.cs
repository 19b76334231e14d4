using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Rows runs hold now: adopted when their trigger is not the run's own (the rule this column replaces).
            migrationBuilder.Sql("""
                UPDATE "QboOutbox" e SET "Adopted" = TRUE FROM "PushRuns" r WHERE e."RunId" = r."Id" AND e."Trigger" <> (CASE WHEN r."All" THEN 'Push All by ' ELSE 'Push by ' END || r."StartedBy");
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
