package dotnet

import "testing"

func TestIsMigration(t *testing.T) {
	mig := []byte("public partial class AddLabels : Migration\n{\n protected override void Up(MigrationBuilder b) {}\n}\n")
	designer := []byte("[DbContext(typeof(AppDbContext))]\n[Migration(\"20240124183000_AddLabels\")]\npartial class AddLabels\n{\n}\n")
	snapshot := []byte("partial class AppDbContextModelSnapshot : ModelSnapshot {}\n")
	if !IsMigration("Api/Migrations/20240124183000_AddLabels.cs", mig) {
		t.Error("migration class not counted")
	}
	if !IsMigration("Api/Data/Schema/20240124183000_AddLabels.cs", mig) {
		t.Error("migration outside a Migrations folder not counted")
	}
	if IsMigration("Api/Migrations/20240124183000_AddLabels.Designer.cs", mig) {
		t.Error("Designer.cs counted")
	}
	if IsMigration("Api/Migrations/AppDbContextModelSnapshot.cs", snapshot) {
		t.Error("model snapshot counted")
	}
	if IsMigration("Api/Services/Migrator.cs", []byte("class Migrator { void Run() {} }")) {
		t.Error("a class named like migrations counted")
	}
	if MigrationID("Api/Migrations/20240124183000_AddLabels.Designer.cs", designer) != MigrationID("Api/Migrations/20240124183000_AddLabels.cs", mig) {
		t.Error("the two halves of one migration have different ids")
	}
}

func TestEnsureCreated(t *testing.T) {
	if !EnsureCreated.MatchString(`scope.ServiceProvider.GetRequiredService<Db>().Database.EnsureCreated();`) {
		t.Error("EnsureCreated not seen")
	}
	if !EnsureCreated.MatchString(`await _context.Database.EnsureCreatedAsync();`) {
		t.Error("EnsureCreatedAsync not seen")
	}
	if EnsureCreated.MatchString(`await db.Database.MigrateAsync();`) || !ApplyMigrations.MatchString(`await db.Database.MigrateAsync();`) {
		t.Error("Migrate misread")
	}
}

func TestRelated(t *testing.T) {
	ctx := ScanEntities(Code([]byte(`public class Db : DbContext { public DbSet<TodoList> Lists => Set<TodoList>(); public DbSet<TodoItem> Items { get; set; } }`)))
	list := ScanEntities(Code([]byte(`public class TodoList { public int Id { get; set; } public IList<TodoItem> Items { get; private set; } = new List<TodoItem>(); }`)))
	item := ScanEntities(Code([]byte(`public class TodoItem { public int Id { get; set; } public int ListId { get; set; } public TodoList List { get; set; } = null!; }`)))
	if !Related([]Entities{ctx, list, item}) {
		t.Error("navigation properties between DbSet types not related")
	}
	fluent := ScanEntities(Code([]byte(`modelBuilder.Entity<Order>().HasOne(o => o.Customer).WithMany(c => c.Orders);`)))
	if !Related([]Entities{fluent}) {
		t.Error("fluent HasOne/WithMany not related")
	}
	lone := ScanEntities(Code([]byte(`public class Todo { public int Id { get; set; } public string? Name { get; set; } public List<string> Tags { get; set; } = new(); }`)))
	lonectx := ScanEntities(Code([]byte(`class TodoDb : DbContext { public DbSet<Todo> Todos => Set<Todo>(); }`)))
	if Related([]Entities{lone, lonectx}) {
		t.Error("a single model with a list of strings read as related")
	}
}

func TestProviders(t *testing.T) {
	engines := func(code string) []string {
		var out []string
		for _, p := range Providers {
			if p.Re.MatchString(code) {
				out = append(out, p.Engine)
			}
		}
		return out
	}
	if e := engines(`options.UseNpgsql(cs)`); len(e) != 1 || !Relational(e[0]) {
		t.Errorf("npgsql: %v", e)
	}
	if e := engines(`opt.UseInMemoryDatabase("TodoList")`); len(e) != 1 || Relational(e[0]) {
		t.Errorf("in-memory: %v", e)
	}
}
