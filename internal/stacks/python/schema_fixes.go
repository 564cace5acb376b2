package python

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// The schema checks' fixes hold placeholders the rubric fills with the
// finding's names: {table}, {column}, {column2} (a join table's second
// key), {ref} (the referenced table) and {file} (a migration).

// schemaFixes are the schema checks' fixes written for Alembic (FastAPI,
// Flask-Migrate and plain SQLAlchemy projects).
var schemaFixes = pack.Fixes{
	"database.fk-indexes": {"In a new Alembic revision (`alembic revision -m \"index {table}.{column}\"`) call `op.create_index(\"ix_{table}_{column}\", \"{table}\", [\"{column}\"])` in upgrade() and `op.drop_index(\"ix_{table}_{column}\", table_name=\"{table}\")` in downgrade()",
		"Declare it on the model too: `mapped_column(ForeignKey(\"{ref}.id\"), index=True)`"},
	"database.money-types":           {"Declare {table}.{column} as `Numeric(12, 2)` on the model and write the revision: `op.alter_column(\"{table}\", \"{column}\", type_=sa.Numeric(12, 2))` (or keep integer cents in a `{column}_cents` column)"},
	"database.normalised":            {"Move {table}.{column} into a child model with a `ForeignKey(\"{table}.id\")` (one row per value): `op.create_table(...)` in a new Alembic revision that also copies the data over"},
	"database.primary-keys":          {"Give {table} a primary key: an `id` column with `primary_key=True` on the model, added by a new Alembic revision (`op.add_column(\"{table}\", sa.Column(\"id\", sa.BigInteger, sa.Identity()))` then `op.create_primary_key(\"pk_{table}\", \"{table}\", [\"id\"])`)"},
	"database.primary-keys+join":     {"Key {table} on both foreign keys: `op.create_primary_key(\"pk_{table}\", \"{table}\", [\"{column}\", \"{column2}\"])` in a new Alembic revision (or `op.create_unique_constraint(\"uq_{table}_{column}_{column2}\", \"{table}\", [\"{column}\", \"{column2}\"])` when it keeps an id), and `primary_key=True` on both columns of the model"},
	"database.constraints":           {"Declare {table}.{column} with `nullable=False, unique=True` on the model, then in a new Alembic revision `op.alter_column(\"{table}\", \"{column}\", nullable=False)` and `op.create_unique_constraint(\"uq_{table}_{column}\", \"{table}\", [\"{column}\"])` (fill or remove existing NULLs and duplicates first)"},
	"database.reversible-migrations": {"Write downgrade() of {file} so it undoes each op of upgrade() (`op.drop_table` for `op.create_table`, `op.drop_column` for `op.add_column`), and copy the data out before an `op.drop_column` or `op.drop_table`"},
	"database.model-drift":           {"Generate the missing revision from the models with `alembic revision --autogenerate -m \"add {table}.{column}\"` (`flask db migrate` with Flask-Migrate), review it and commit it"},
}

// djangoSchemaFixes are the schema checks' fixes written for Django's
// migrations.
var djangoSchemaFixes = pack.Fixes{
	"database.fk-indexes":            {"Remove `db_index=False` from the ForeignKey behind {table}.{column} (Django indexes foreign keys unless told not to), or add `models.Index(fields=[...])` to its Meta.indexes, then run `python manage.py makemigrations`"},
	"database.money-types":           {"Declare {table}.{column} as `models.DecimalField(max_digits=12, decimal_places=2)` instead of FloatField, then run `python manage.py makemigrations`"},
	"database.normalised":            {"Move {table}.{column} into its own model with a `models.ForeignKey` to the owner (one row per value), run `python manage.py makemigrations`, and copy the data in a `migrations.RunPython` step"},
	"database.primary-keys":          {"Give the model behind {table} a primary key (Django adds `id` unless the model is `managed = False` or another field says `primary_key=True`), then run `python manage.py makemigrations`"},
	"database.primary-keys+join":     {"Add `models.UniqueConstraint(fields=[...both foreign keys...], name=\"uq_{table}_{column}_{column2}\")` to Meta.constraints of the model behind {table} (a ManyToManyField's own table has one), then run `python manage.py makemigrations`"},
	"database.constraints":           {"Declare {table}.{column} without `null=True` and with `unique=True` (`email = models.EmailField(unique=True)`), then run `python manage.py makemigrations` (fill existing NULLs and remove duplicates first)"},
	"database.reversible-migrations": {"Give the operations of {file} a way back: `migrations.RunPython(forwards, backwards)` and `migrations.RunSQL(sql, reverse_sql=...)`, and copy data out before a RemoveField or DeleteModel"},
	"database.model-drift":           {"Run `python manage.py makemigrations` so {table}.{column} gets its migration, commit it, and run `python manage.py makemigrations --check` in CI to keep models and migrations in step"},
}
