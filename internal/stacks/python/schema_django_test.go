package python

import (
	"slices"
	"testing"
)

const djangoShopInitial = `import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=80, unique=True)),
                ("slug", models.SlugField()),
            ],
            options={"db_table": "categories", "verbose_name_plural": "categories"},
        ),
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("price", models.DecimalField(decimal_places=2, max_digits=10)),
                ("weight", models.FloatField(null=True, blank=True)),
                ("contact", models.EmailField(max_length=254)),
                ("published_at", models.DateTimeField(null=True)),
                ("category", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="shop.category")),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, db_index=False)),
                ("tags", models.ManyToManyField(blank=True, to="shop.tag")),
                ("related", models.ManyToManyField(to="self")),
            ],
            options={
                "indexes": [models.Index(fields=["-published_at"], name="shop_pub_idx")],
                "constraints": [models.UniqueConstraint(fields=("owner", "title"), name="uniq_owner_title")],
            },
        ),
        migrations.CreateModel(
            name="Profile",
            fields=[
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, serialize=False, to=settings.AUTH_USER_MODEL)),
                ("uuid", models.UUIDField()),
                ("data", models.JSONField(default=dict)),
            ],
        ),
    ]
`

const djangoShopSecond = `from django.db import migrations, models
import django.db.models.deletion


def fill(apps, schema_editor):
    pass


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="stock",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="product",
            name="title",
            field=models.CharField(max_length=255, unique=True),
        ),
        migrations.RenameField(model_name="product", old_name="weight", new_name="mass"),
        migrations.RemoveField(model_name="product", name="contact"),
        migrations.RemoveField(model_name="product", name="related"),
        migrations.AddIndex(model_name="product", index=models.Index(fields=["stock", "mass"], name="shop_stock_idx")),
        migrations.RenameModel(old_name="Profile", new_name="Account"),
        migrations.AlterUniqueTogether(name="product", unique_together={("title", "stock")}),
        migrations.RunPython(fill),
    ]
`

func TestDjangoMigrations(t *testing.T) {
	s := readAll(t, djangoMigrationReader,
		"shop/migrations/0002_stock.py", djangoShopSecond,
		"shop/migrations/0001_initial.py", djangoShopInitial)
	if s.Source != "migrations" || s.Tool != "django" {
		t.Fatalf("source %q tool %q", s.Source, s.Tool)
	}
	wantTables(t, tablesOf(s), []string{
		"categories pk(id) | id integer | name varchar(80) | slug varchar(50) | uq (name)",
		"shop_product pk(id) | id bigint | title varchar(255) | price decimal(10,2) | mass float? | published_at timestamptz? | category_id integer? | owner_id integer | stock integer=0" +
			" | fk category_id->categories(id) set null | fk owner_id->auth_user(id) restrict" +
			" | ix (category_id) | ix shop_pub_idx(published_at) | uq uniq_owner_title(owner_id,title) | uq (title) | ix shop_stock_idx(stock,mass) | uq (title,stock)",
		"shop_product_tags pk(id) | id bigint | product_id bigint | tag_id bigint | fk product_id->shop_product(id) cascade | fk tag_id->shop_tag(id) cascade | uq (product_id,tag_id) | ix (product_id) | ix (tag_id)",
		"shop_account pk(user_id) | user_id integer | uuid uuid | data jsonb | fk user_id->auth_user(id) cascade",
	})
	if len(s.Migrations) != 2 {
		t.Fatalf("migrations %+v", s.Migrations)
	}
	if s.Migrations[0].Reversible != "yes" || s.Migrations[1].Reversible != "no" {
		t.Errorf("reversible = %q, %q; want yes (framework), no (RunPython without reverse_code)", s.Migrations[0].Reversible, s.Migrations[1].Reversible)
	}
	var lines []int
	for _, l := range s.Migrations[1].Destructive {
		lines = append(lines, l.Line)
	}
	if !slices.Equal(lines, []int{28, 29}) {
		t.Errorf("destructive lines %v, want the two RemoveFields [28 29]", lines)
	}
	if tb := s.Table("shop_product"); tb.Column("price").At.Line != 29 || tb.Source.Line != 24 {
		t.Errorf("locations: table %d price %d", tb.Source.Line, tb.Column("price").At.Line)
	}
}

func TestDjangoMigrationReversibility(t *testing.T) {
	for src, want := range map[string]string{
		"operations = [migrations.RunPython(fwd, reverse_code=migrations.RunPython.noop)]": "yes",
		"operations = [migrations.RunPython(fwd, back)]":                                   "yes",
		"operations = [migrations.RunPython(fwd, None)]":                                   "no",
		"operations = [migrations.RunSQL('UPDATE x SET y = 1')]":                           "no",
		"operations = [migrations.RunSQL('CREATE INDEX i ON t (c)', 'DROP INDEX i')]":      "yes",
		"operations = [migrations.RunSQL(sql='x', reverse_sql=migrations.RunSQL.noop)]":    "yes",
		"operations = []": "yes",
	} {
		s := readAll(t, djangoMigrationReader, "blog/migrations/0003_data.py", "class Migration(migrations.Migration):\n    "+src+"\n")
		if len(s.Migrations) != 1 || s.Migrations[0].Reversible != want {
			t.Errorf("%s: %+v, want reversible %s", src, s.Migrations, want)
		}
	}
}

func TestDjangoMigrationNegative(t *testing.T) {
	for p, src := range map[string]string{
		// Not a migration module: no operations.
		"blog/migrations/0001_initial.py": "from django.db import migrations\n# operations = [migrations.CreateModel(name='X', fields=[])]\n",
		// A string that looks like an operation.
		"blog/migrations/0002_x.py": "class Migration(migrations.Migration):\n    operations = ['migrations.CreateModel(name=\"X\", fields=[])']\n",
	} {
		s := readAll(t, djangoMigrationReader, p, src)
		if len(s.Tables) != 0 {
			t.Errorf("%s: tables %v", p, tablesOf(s))
		}
	}
	if djangoMigrationReader.Path.MatchString("blog/migrations/__init__.py") || djangoMigrationReader.Path.MatchString("migrations/versions/0001_x.py") {
		t.Errorf("django migration path pattern matches a non-migration")
	}
}

const djangoModels = `from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from catalog.models import Product as CatalogProduct
from rest_framework import serializers


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    email = models.EmailField(unique=True)


class Order(TimeStamped):
    """An order: customer = models.ForeignKey(...) in a docstring is no field."""
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orders")
    product = models.ForeignKey(CatalogProduct, on_delete=models.PROTECT)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.TextField(blank=True, default="")
    tags = models.ManyToManyField("Tag", through="OrderTag")

    class Meta:
        db_table = "orders"
        unique_together = ("customer", "product")

    def __str__(self):
        return self.note


class Tag(models.Model):
    code = models.CharField(max_length=20, primary_key=True)


class OrderTag(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, db_index=False)


class OrderProxy(Order):
    class Meta:
        proxy = True


class OrderSerializer(serializers.ModelSerializer):
    total = serializers.DecimalField(max_digits=8, decimal_places=2)
`

// TestDjangoModels reads a models.py as Django builds its tables; User
// redeclares AbstractUser's email, which Django then puts last (fields
// are ordered by creation).
func TestDjangoModels(t *testing.T) {
	s := readAll(t, djangoModelsReader, "shop/models.py", djangoModels)
	if s.Source != "models" || s.Tool != "django" {
		t.Fatalf("source %q tool %q", s.Source, s.Tool)
	}
	wantTables(t, tablesOf(s), []string{
		"shop_user pk(id) | id bigint | password varchar(128) | last_login timestamptz? | is_superuser boolean=False | username varchar(150) | first_name varchar(150) | last_name varchar(150) | is_staff boolean=False | is_active boolean=True | date_joined timestamptz | email varchar(254) | uq (username) | uq (email)",
		"orders pk(id) | id bigint | created timestamptz | customer_id integer | product_id bigint | parent_id bigint? | total decimal(8,2) | note text" +
			" | fk customer_id->auth_user(id) cascade | fk product_id->catalog_product(id) restrict | fk parent_id->orders(id) set null" +
			" | ix (customer_id) | ix (product_id) | ix (parent_id) | uq (customer_id,product_id)",
		"shop_tag pk(code) | code varchar(20)",
		"shop_ordertag pk(id) | id bigint | order_id bigint | tag_id varchar(20) | fk order_id->orders(id) cascade | fk tag_id->shop_tag(code) cascade | ix (order_id)",
	})
	if tb := s.Table("orders"); tb == nil || tb.Source.Line != 19 || tb.Column("total").At.Line != 24 {
		t.Errorf("orders location: %+v", tb)
	}
}

func TestDjangoModelsMultiTableAndM2M(t *testing.T) {
	s := readAll(t, djangoModelsReader, "places/models/__init__.py", `from django.db import models

class Place(models.Model):
    name = models.CharField(max_length=50)

class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)
    fans = models.ManyToManyField("auth.User")
`)
	wantTables(t, tablesOf(s), []string{
		"places_place pk(id) | id bigint | name varchar(50)",
		"places_restaurant pk(place_ptr_id) | place_ptr_id bigint | serves_pizza boolean=False | fk place_ptr_id->places_place(id) cascade",
		"places_restaurant_fans pk(id) | id bigint | restaurant_id bigint | user_id integer | fk restaurant_id->places_restaurant(id) cascade | fk user_id->auth_user(id) cascade | uq (restaurant_id,user_id) | ix (restaurant_id) | ix (user_id)",
	})
}

func TestDjangoModelsNegative(t *testing.T) {
	for p, src := range map[string]string{
		// Not Django: a SQLAlchemy models.py.
		"app/models.py": "class User(Base):\n    __tablename__ = 'users'\n    id = Column(Integer, primary_key=True)\n",
		// Django, but only serializers and an abstract model.
		"api/models.py": "from django.db import models\nfrom rest_framework import serializers\n\nclass Base(models.Model):\n    x = models.IntegerField()\n    class Meta:\n        abstract = True\n\nclass S(serializers.Serializer):\n    name = serializers.CharField()\n",
	} {
		s := readAll(t, djangoModelsReader, p, src)
		if len(s.Tables) != 0 {
			t.Errorf("%s: tables %v", p, tablesOf(s))
		}
	}
}

// TestDjangoAutoFieldProject: a project whose migrations write AutoField
// ids (started before Django 3.2, as gothinkster/django-realworld-
// example-app) has integer ids, and references to a model of another
// file take that type too.
func TestDjangoAutoFieldProject(t *testing.T) {
	s := readAll(t, djangoMigrationReader, "conduit/apps/articles/migrations/0001_initial.py", `class Migration(migrations.Migration):
    dependencies = [('profiles', '0001_initial')]
    operations = [
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(db_index=True, max_length=255)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='profiles.Profile')),
            ],
        ),
        migrations.AddField(model_name='article', name='tags', field=models.ManyToManyField(to='articles.Tag')),
    ]
`)
	wantTables(t, tablesOf(s), []string{
		"articles_article pk(id) | id integer | title varchar(255) | author_id integer | fk author_id->profiles_profile(id) cascade | ix (title) | ix (author_id)",
		"articles_article_tags pk(id) | id integer | article_id integer | tag_id integer | fk article_id->articles_article(id) cascade | fk tag_id->articles_tag(id) cascade | uq (article_id,tag_id) | ix (article_id) | ix (tag_id)",
	})
	if len(s.Migrations) != 1 || s.Migrations[0].Reversible != "yes" {
		t.Errorf("migrations %+v", s.Migrations)
	}
}

// TestDjangoSeparateDatabaseAndState: only database_operations reach the
// database; and a black-formatted AutoField id still says integer ids.
func TestDjangoSeparateDatabaseAndState(t *testing.T) {
	s := readAll(t, djangoMigrationReader, "app/migrations/0001_initial.py", `class Migration(migrations.Migration):
    operations = [
        migrations.CreateModel(
            name="A",
            fields=[
                (
                    "id",
                    models.AutoField(
                        verbose_name="ID",
                        serialize=False,
                        auto_created=True,
                        primary_key=True,
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.CreateModel(name="Ghost", fields=[])],
            database_operations=[
                migrations.AddField(model_name="a", name="b", field=models.ForeignKey(on_delete=models.CASCADE, to="app.a")),
            ],
        ),
    ]
`)
	wantTables(t, tablesOf(s), []string{
		"app_a pk(id) | id integer | b_id integer | fk b_id->app_a(id) cascade | ix (b_id)",
	})
}
