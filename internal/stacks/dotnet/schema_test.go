package dotnet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/schema/schematest"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func migrate(t *testing.T, files ...string) facts.Schema {
	t.Helper()
	var found []schema.Found
	for i := 0; i+1 < len(files); i += 2 {
		f := scan.File{Path: files[i], Data: []byte(files[i+1])}
		for _, r := range SchemaReaders {
			if r.Path.MatchString(f.Path) {
				found = append(found, schema.Found{Tool: r.Tool, Result: r.Read(f)})
			}
		}
	}
	return schema.Build(found)
}

func wantSchema(t *testing.T, got facts.Schema, want string) {
	t.Helper()
	if g := schematest.Compact(got.Tables); strings.TrimSpace(g) != strings.TrimSpace(want) {
		t.Errorf("schema:\n%s\nwant:\n%s", g, want)
	}
}

func efMigration(name, up, down string) string {
	return "using Microsoft.EntityFrameworkCore.Migrations;\nnamespace Api.Migrations\n{\n    public partial class " + name + " : Migration\n    {\n        protected override void Up(MigrationBuilder migrationBuilder)\n        {\n" +
		up + "\n        }\n" + down + "\n    }\n}\n"
}

func TestEFCreateTableAndSteps(t *testing.T) {
	s := migrate(t,
		"Api/Migrations/20240101000000_Init.cs", efMigration("Init", `
            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Total = table.Column<decimal>(type: "decimal(18,2)", nullable: false, defaultValue: 0m),
                    Weight = table.Column<double>(type: "float", nullable: false),
                    Ratio = table.Column<float>(nullable: false),
                    Ref = table.Column<Guid>(nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.UniqueConstraint("AK_Orders_Code", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Orders_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });
            migrationBuilder.CreateIndex(
                name: "IX_Orders_CustomerId_PlacedAt",
                table: "Orders",
                columns: new[] { "CustomerId", "PlacedAt" });`,
			"        protected override void Down(MigrationBuilder migrationBuilder)\n        {\n            migrationBuilder.DropTable(name: \"Orders\");\n        }"),
		"Api/Migrations/20240201000000_Alter.cs", efMigration("Alter", `
            migrationBuilder.AddColumn<bool>(name: "Paid", table: "Orders", type: "bit", nullable: false, defaultValue: false);
            migrationBuilder.RenameColumn(name: "Notes", table: "Orders", newName: "Remarks");
            migrationBuilder.AlterColumn<string>(name: "Remarks", table: "Orders", type: "nvarchar(500)", maxLength: 500, nullable: false, oldClrType: typeof(string));
            migrationBuilder.DropColumn(name: "Ratio", table: "Orders");
            migrationBuilder.DropIndex(name: "IX_Orders_CustomerId_PlacedAt", table: "Orders");
            migrationBuilder.DropForeignKey(name: "FK_Orders_Customers_CustomerId", table: "Orders");
            migrationBuilder.AddForeignKey(name: "FK_Orders_Clients_CustomerId", table: "Orders", column: "CustomerId", principalTable: "Clients", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.CreateIndex(name: "IX_Orders_Ref", table: "Orders", column: "Ref", unique: true);
            migrationBuilder.RenameTable(name: "Orders", newName: "PurchaseOrders");`, ""))
	wantSchema(t, s, `
PurchaseOrders(Id)
  Id bigint
  Code varchar(20)
  Remarks varchar(500)
  Total decimal(18,2) =0m
  Weight double
  Ref uuid
  PlacedAt timestamp
  CustomerId integer null
  Paid boolean =false
  fk CustomerId -> Clients(Id) on delete cascade
  unique index Code
  unique index Ref
`)
	if s.Tool != "efcore" || s.Migrations[0].Reversible != "yes" || s.Migrations[1].Reversible != "no" {
		t.Errorf("tool %q migrations %+v", s.Tool, s.Migrations)
	}
	if d := s.Migrations[1].Destructive; len(d) != 1 || d[0].Line != 12 {
		t.Errorf("destructive %v, want the DropColumn at line 12", d)
	}
	if c := s.Tables[0].Column("Code"); c.At.Line != 15 {
		t.Errorf("Code at line %d, want 15", c.At.Line)
	}
}

func TestEFTypes(t *testing.T) {
	for _, c := range []struct{ sql, clr, max, want string }{
		{"integer", "int", "", "integer"}, {"text", "string", "", "text"}, {"numeric(18,2)", "decimal", "", "numeric(18,2)"},
		{"double precision", "double", "", "double"}, {"timestamp with time zone", "DateTime", "", "timestamptz"},
		{"nvarchar(max)", "string", "", "text"}, {"nvarchar(100)", "string", "", "varchar(100)"}, {"float", "double", "", "double"},
		{"real", "float", "", "real"}, {"character varying(64)", "string", "", "varchar(64)"}, {"TEXT", "string", "", "text"},
		{"", "int", "", "integer"}, {"", "long", "", "bigint"}, {"", "string", "", "text"}, {"", "string", "40", "varchar(40)"},
		{"", "decimal", "", "decimal(18,2)"}, {"", "double", "", "double"}, {"", "float", "", "real"}, {"", "bool", "", "boolean"},
		{"", "DateTime", "", "timestamp"}, {"", "Guid", "", "uuid"}, {"", "int?", "", "integer"},
	} {
		if got := efType(c.sql, c.clr, c.max); got != c.want {
			t.Errorf("efType(%q, %q) = %q, want %q", c.sql, c.clr, got, c.want)
		}
	}
}

const snapshot = `namespace Api.Migrations
{
    partial class AppDbContextModelSnapshot : ModelSnapshot
    {
        protected override void BuildModel(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity("Api.Models.Order", b =>
                {
                    b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("integer");
                    b.Property<int>("CustomerId").HasColumnType("integer");
                    b.Property<string>("Code").IsRequired().HasMaxLength(20).HasColumnType("character varying(20)");
                    b.Property<string>("Notes").HasColumnType("text");
                    b.Property<decimal?>("Total");
                    b.HasKey("Id");
                    b.HasIndex("Code").IsUnique();
                    b.HasIndex("CustomerId");
                    b.ToTable("Orders");
                });

            modelBuilder.Entity("Api.Models.Customer", b =>
                {
                    b.Property<int>("Id");
                    b.HasKey("Id");
                    b.ToTable("Customers");
                });

            modelBuilder.Entity("Api.Models.Order", b =>
                {
                    b.HasOne("Api.Models.Customer", "Customer")
                        .WithMany("Orders")
                        .HasForeignKey("CustomerId")
                        .OnDelete(DeleteBehavior.Cascade)
                        .IsRequired();
                });

            modelBuilder.Entity("Api.Models.Customer", b =>
                {
                    b.HasMany("Api.Models.Note", "Notes").WithOne().HasForeignKey("CustomerId");
                });
        }
    }
}`

func TestEFModelSnapshot(t *testing.T) {
	s := migrate(t, "Api/Migrations/AppDbContextModelSnapshot.cs", snapshot)
	if s.Source != "snapshot" {
		t.Fatalf("source %q", s.Source)
	}
	wantSchema(t, s, `
Orders(Id)
  Id integer
  CustomerId integer
  Code varchar(20)
  Notes text null
  Total decimal(18,2) null
  fk CustomerId -> Customers(Id) on delete cascade
  unique index Code
  index CustomerId
Customers(Id)
  Id integer
`)
	// A migration wins over the snapshot; the .Designer.cs is no migration.
	s = migrate(t, "Api/Migrations/AppDbContextModelSnapshot.cs", snapshot,
		"Api/Migrations/20240101000000_Init.Designer.cs", efMigration("Init", `migrationBuilder.CreateTable(name: "Designer", columns: table => new { Id = table.Column<int>() });`, ""),
		"Api/Migrations/20240101000000_Init.cs", efMigration("Init", `migrationBuilder.CreateTable(name: "Real", columns: table => new { Id = table.Column<int>(nullable: false) });`, ""))
	wantSchema(t, s, "Real()\n  Id integer")
}

// FuzzEFSchema: half-written migrations and snapshots must never panic and
// every step points at a line of the file.
func FuzzEFSchema(f *testing.F) {
	for _, s := range []string{
		efMigration("A", `migrationBuilder.CreateTable(name: "A", columns: table => new { Id = table.Column<int>(type: "integer") }, constraints: table => { table.PrimaryKey("PK", x => x.Id); });`, ""),
		"void Up(MigrationBuilder m) { m.CreateTable(", "void Up(MigrationBuilder m) { m.AddColumn<", snapshot[:200], snapshot,
		`modelBuilder.Entity("A", b => { b.HasOne("B").WithOne().HasForeignKey("A", `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, m := range readEFMigration(scan.File{Path: "Migrations/20240101000000_A.cs", Data: data}).Migrations {
			for _, op := range m.Ops {
				if op.At.Line < 1 || op.At.Line > lines {
					t.Fatalf("step at line %d of %d", op.At.Line, lines)
				}
			}
		}
		readEFSnapshot(scan.File{Path: "Migrations/XModelSnapshot.cs", Data: data})
	})
}

func TestEFSnapshotOwnedType(t *testing.T) {
	s := migrate(t, "Api/Migrations/AppDbContextModelSnapshot.cs", `
            modelBuilder.Entity("Shop.Order", b =>
                {
                    b.Property<int>("Id");
                    b.HasKey("Id");
                    b.ToTable("Orders");
                });
            modelBuilder.Entity("Shop.Order", b =>
                {
                    b.OwnsOne("Shop.Address", "ShipTo", b1 =>
                        {
                            b1.Property<int>("OrderId");
                            b1.Property<string>("City").IsRequired().HasMaxLength(100).HasColumnType("nvarchar(100)");
                            b1.HasKey("OrderId");
                            b1.ToTable("Orders");
                            b1.WithOwner().HasForeignKey("OrderId");
                        });
                    b.OwnsOne("Shop.Note", "Note", b1 =>
                        {
                            b1.Property<string>("Text");
                            b1.ToTable("OrderNotes");
                        });
                    b.OwnsOne("Shop.Money", "Total", b1 =>
                        {
                            b1.Property<decimal>("Amount");
                        });
                    b.Navigation("ShipTo").IsRequired();
                });`)
	// ShipTo is required: its columns keep their own nullability; Total is
	// optional: its columns are nullable.
	wantSchema(t, s, "Orders(Id)\n  Id integer\n  ShipTo_City varchar(100)\n  Total_Amount decimal(18,2) null")
}
