package python

import (
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// djangoUserTable is the table of settings.AUTH_USER_MODEL as Django
// ships it; a project's custom user model lives in another file this
// reader cannot see, so references to the setting point here.
const djangoUserTable = "auth_user"

// djField is one Django model field as the database sees it.
type djField struct {
	name   string // the field's name in the model
	col    facts.Column
	pk     bool
	unique bool
	index  bool
	fk     *facts.ForeignKey
	// m2m is the table a ManyToManyField without through= points at;
	// Django creates the join table.
	m2m string
	// m2mModel is the target model's name, lower-cased (its join column
	// is <m2mModel>_id).
	m2mModel string
	// m2mThrough is set when the join table is the project's own model.
	m2mThrough bool
}

// djScope resolves a model reference ("library.Book", "Book", Book,
// settings.AUTH_USER_MODEL) to its table from one file: app is the file's
// app label, local maps the file's model classes (lower-cased, as Django
// compares them) to their tables, and
// imported maps names imported from another app's models to their tables.
type djScope struct {
	app   string
	local map[string]string
	pks   map[string]facts.Column // table → its primary key, when read
	// auto is the type of the id Django adds (DEFAULT_AUTO_FIELD, in
	// settings.py): bigint since Django 3.2's startproject, integer when
	// the file's own models show AutoField ids.
	auto     string
	imported map[string]string
}

func (s *djScope) table(ref string) string {
	ref = strings.TrimSpace(ref)
	if v, ok := pyStr(ref); ok {
		switch {
		case v == "self":
			return "self"
		case strings.Contains(v, "."):
			app, model, _ := strings.Cut(v, ".")
			if t, ok := s.local[strings.ToLower(model)]; ok && strings.EqualFold(app, s.app) {
				return t
			}
			return strings.ToLower(app + "_" + model)
		}
		ref = v
	}
	switch ref {
	case "settings.AUTH_USER_MODEL", "get_user_model()", "django.contrib.auth.get_user_model()":
		return djangoUserTable
	}
	if t, ok := s.local[strings.ToLower(ref)]; ok {
		return t
	}
	if t, ok := s.imported[ref]; ok {
		return t
	}
	if ref == "User" {
		return djangoUserTable
	}
	return strings.ToLower(s.app + "_" + lastName(ref))
}

// djModelName is the lower-cased model name of a reference.
func djModelName(ref string) string {
	ref = strings.TrimSpace(ref)
	if v, ok := pyStr(ref); ok {
		ref = v
	}
	switch ref {
	case "settings.AUTH_USER_MODEL", "get_user_model()", "django.contrib.auth.get_user_model()":
		return "user"
	}
	return strings.ToLower(lastName(ref))
}

// djRelations are Django's relation fields; their column is <name>_id.
var djRelations = map[string]bool{"ForeignKey": true, "OneToOneField": true, "ManyToManyField": true, "ParentalKey": true, "TreeForeignKey": true}

// isDjField reports whether callee constructs a Django model field.
func isDjField(callee string) bool {
	n := lastName(callee)
	if djRelations[n] {
		return true
	}
	switch n {
	case "GenericForeignKey", "GenericRelation", "ForeignObject", "Field":
		return false
	}
	return strings.HasSuffix(n, "Field")
}

// djField reads a field constructor models.XField(...) for the field
// called name of table.
func (p *pyFile) djField(s *djScope, table, name string, a pyArg) (djField, bool) {
	callee, args, paren := call(p.src, a)
	if !paren || !isDjField(callee) {
		return djField{}, false
	}
	kind := lastName(callee)
	f := djField{name: name}
	f.col = facts.Column{Name: name, At: p.at(a.Off)}
	f.pk, _ = kwBool(args, "primary_key")
	f.col.Nullable, _ = kwBool(args, "null")
	f.unique, _ = kwBool(args, "unique")
	f.index, _ = kwBool(args, "db_index")
	if d, ok := kw(args, "db_default"); ok {
		f.col.Default = defaultText(p.src, d)
	} else if d, ok := kw(args, "default"); ok {
		f.col.Default, _ = literalDefault(d)
	}
	if djRelations[kind] {
		target, ok := argAt(args, 0, "to")
		if !ok {
			return djField{}, false
		}
		ref := s.table(target.Val)
		if ref == "self" {
			ref = table
		}
		if kind == "ManyToManyField" {
			_, through := kw(args, "through")
			f.m2m, f.m2mThrough, f.m2mModel = ref, through, djModelName(target.Val)
			f.col.Type = s.auto
			if pk, ok := s.pks[ref]; ok {
				f.col.Type = pk.Type
			} else if ref == djangoUserTable {
				f.col.Type = "integer"
			}
			return f, true
		}
		f.col.Name = name + "_id"
		// The column takes the type of the referenced primary key: id,
		// bigint (DEFAULT_AUTO_FIELD) unless the file says otherwise.
		f.col.Type = s.auto
		refCol := "id"
		if ref == djangoUserTable {
			f.col.Type = "integer" // django.contrib.auth's AutoField
		} else if pk, ok := s.pks[ref]; ok {
			f.col.Type, refCol = pk.Type, pk.Name
		}
		fk := facts.ForeignKey{Columns: []string{f.col.Name}, References: ref, RefColumns: []string{refCol}, At: f.col.At}
		if tf, ok := kwStr(args, "to_field"); ok {
			fk.RefColumns = []string{tf}
		}
		if od, ok := argAt(args, 1, "on_delete"); ok {
			fk.OnDelete = djOnDelete(od.Val)
		}
		f.fk = &fk
		if v, set := kwBool(args, "db_index"); !set || v {
			f.index = true // Django indexes a ForeignKey unless db_index=False
		}
		if kind == "OneToOneField" {
			f.unique, f.index = true, false
		}
	} else {
		f.col.Type = djType(kind, args)
	}
	if c, ok := kwStr(args, "db_column"); ok && c != "" {
		f.col.Name = c
		if f.fk != nil {
			f.fk.Columns = []string{c}
		}
	}
	if f.pk {
		f.col.Nullable = false
	}
	return f, true
}

// djOnDelete maps on_delete=models.CASCADE (or
// django.db.models.deletion.CASCADE) to the vocabulary.
func djOnDelete(v string) string {
	n := strings.TrimSpace(v)
	if i := strings.IndexByte(n, '('); i >= 0 {
		n = n[:i] // models.SET(value)
	}
	switch lastName(n) {
	case "CASCADE":
		return "cascade"
	case "SET_NULL":
		return "set null"
	case "PROTECT", "RESTRICT":
		return "restrict"
	case "SET_DEFAULT", "SET":
		return "set default"
	case "DO_NOTHING":
		return "no action"
	}
	return ""
}

// djType maps a Django field class to the vocabulary as Django creates
// it on PostgreSQL (DateTimeField is timestamp with time zone, JSONField
// jsonb).
func djType(kind string, args []pyArg) string {
	length := func(def string) string {
		if a, ok := kw(args, "max_length"); ok && isNumber(a.Val) {
			return "varchar(" + strings.TrimSpace(a.Val) + ")"
		}
		if def != "" {
			return "varchar(" + def + ")"
		}
		return "varchar"
	}
	switch kind {
	case "AutoField", "IntegerField", "PositiveIntegerField":
		return "integer"
	case "BigAutoField", "BigIntegerField", "PositiveBigIntegerField":
		return "bigint"
	case "SmallAutoField", "SmallIntegerField", "PositiveSmallIntegerField":
		return "smallint"
	case "CharField", "CommaSeparatedIntegerField":
		return length("")
	case "SlugField":
		return length("50")
	case "EmailField":
		return length("254")
	case "URLField":
		return length("200")
	case "FileField", "ImageField", "FilePathField":
		return length("100")
	case "TextField":
		return "text"
	case "FloatField":
		return "float"
	case "DecimalField":
		p, s := "", ""
		if a, ok := kw(args, "max_digits"); ok {
			p = strings.TrimSpace(a.Val)
		}
		if a, ok := kw(args, "decimal_places"); ok {
			s = strings.TrimSpace(a.Val)
		}
		if isNumber(p) && isNumber(s) {
			return "decimal(" + p + "," + s + ")"
		}
		return "decimal"
	case "BooleanField", "NullBooleanField":
		return "boolean"
	case "DateTimeField":
		return "timestamptz"
	case "DateField":
		return "date"
	case "TimeField":
		return "time"
	case "DurationField":
		return "interval"
	case "UUIDField":
		return "uuid"
	case "JSONField":
		return "jsonb"
	case "BinaryField":
		return "bytea"
	case "GenericIPAddressField", "IPAddressField":
		return "inet"
	case "ArrayField":
		return "array"
	case "HStoreField":
		return "hstore"
	case "CICharField", "CIEmailField", "CITextField":
		return "citext"
	}
	return strings.ToLower(kind)
}

// djTable is the table Django gives the model of app: app_model, both
// lower-cased, unless db_table says otherwise.
func djTable(app, model string) string { return strings.ToLower(app + "_" + model) }

// djModel collects one model's table as its fields are read.
type djModel struct {
	t      facts.Table
	cols   map[string]string // field name → column name
	m2m    []djField
	hasPK  bool
	auto   string // the type of an implicit id
	source facts.Location
}

func newDjModel(name string, at facts.Location, auto string) *djModel {
	return &djModel{t: facts.Table{Name: name, Source: at}, cols: map[string]string{}, auto: auto}
}

// add adds a field: its column, key, reference and index.
func (m *djModel) add(f djField) {
	if f.m2m != "" {
		if !f.m2mThrough {
			m.m2m = append(m.m2m, f)
		}
		return
	}
	m.cols[f.name] = f.col.Name
	if len(m.t.Columns) < 500 {
		m.t.Columns = append(m.t.Columns, f.col)
	}
	if f.pk {
		m.t.PrimaryKey = []string{f.col.Name}
		m.hasPK = true
	}
	if f.fk != nil {
		m.t.ForeignKeys = append(m.t.ForeignKeys, *f.fk)
	}
	switch {
	case f.unique && !f.pk:
		m.t.Indexes = append(m.t.Indexes, facts.Index{Columns: []string{f.col.Name}, Unique: true, At: f.col.At})
	case f.index && !f.pk:
		m.t.Indexes = append(m.t.Indexes, facts.Index{Columns: []string{f.col.Name}, At: f.col.At})
	}
}

// column returns the column of the field name (owner → owner_id for a
// reference read in this file); a "-field" of an ordering is the field.
func (m *djModel) column(name string) string {
	name = strings.TrimPrefix(name, "-")
	if c, ok := m.cols[name]; ok {
		return c
	}
	return name
}

// implicitID adds the id primary key Django gives a model that declares
// none (DEFAULT_AUTO_FIELD; BigAutoField in projects started since 3.2).
func (m *djModel) implicitID() {
	if m.hasPK {
		return
	}
	id := facts.Column{Name: "id", Type: m.auto, At: m.t.Source}
	m.t.Columns = append([]facts.Column{id}, m.t.Columns...)
	m.t.PrimaryKey = []string{"id"}
	m.cols["id"] = "id"
	m.hasPK = true
}

// joinTables returns the tables Django creates for the model's
// ManyToManyFields: <table>_<field> with <model>_id and <target>_id
// (from_/to_ when the model points at itself), both indexed, unique
// together.
func (m *djModel) joinTables(model string) []facts.Table {
	var out []facts.Table
	for _, f := range m.m2m {
		from := strings.ToLower(model)
		to := f.m2mModel
		if to == "self" {
			to = from
		}
		if strings.EqualFold(f.m2m, m.t.Name) {
			from, to = "from_"+from, "to_"+to
		}
		fromCol, toCol := from+"_id", to+"_id"
		at := f.col.At
		fromType := m.auto
		if len(m.t.PrimaryKey) == 1 {
			if pk := m.t.Column(m.t.PrimaryKey[0]); pk != nil {
				fromType = pk.Type
			}
		}
		out = append(out, facts.Table{
			Name:       m.t.Name + "_" + f.name,
			Source:     at,
			PrimaryKey: []string{"id"},
			Columns: []facts.Column{
				{Name: "id", Type: m.auto, At: at},
				{Name: fromCol, Type: fromType, At: at},
				{Name: toCol, Type: f.col.Type, At: at},
			},
			ForeignKeys: []facts.ForeignKey{
				{Columns: []string{fromCol}, References: m.t.Name, RefColumns: []string{"id"}, OnDelete: "cascade", At: at},
				{Columns: []string{toCol}, References: f.m2m, RefColumns: []string{"id"}, OnDelete: "cascade", At: at},
			},
			Indexes: []facts.Index{
				{Columns: []string{fromCol, toCol}, Unique: true, At: at},
				{Columns: []string{fromCol}, At: at},
				{Columns: []string{toCol}, At: at},
			},
		})
	}
	return out
}

// meta reads a model's options (the options= dict of CreateModel or the
// class Meta of a model) into m: db_table is applied by the caller.
func (p *pyFile) djOptions(m *djModel, opts map[string]pyArg) {
	together := func(a pyArg, unique bool) {
		groups := elems(p.src, a)
		if len(groups) > 0 {
			if _, ok := pyStr(groups[0].Val); ok {
				groups = []pyArg{a} // unique_together = ("a", "b")
			}
		}
		for _, g := range groups {
			var cols []string
			for _, s := range strs(p.src, g) {
				cols = append(cols, m.column(s))
			}
			if len(cols) > 0 {
				m.t.Indexes = append(m.t.Indexes, facts.Index{Columns: cols, Unique: unique, At: p.at(g.Off)})
			}
		}
	}
	if a, ok := opts["unique_together"]; ok {
		together(a, true)
	}
	if a, ok := opts["index_together"]; ok {
		together(a, false)
	}
	for _, key := range []string{"indexes", "constraints"} {
		a, ok := opts[key]
		if !ok {
			continue
		}
		for _, e := range elems(p.src, a) {
			if ix, ok := p.djIndex(m, e); ok {
				m.t.Indexes = append(m.t.Indexes, ix)
			}
		}
	}
}

// djIndex reads models.Index(fields=[...], name=...) or
// models.UniqueConstraint(fields=[...], name=...).
func (p *pyFile) djIndex(m *djModel, a pyArg) (facts.Index, bool) {
	callee, args, _ := call(p.src, a)
	kind := lastName(callee)
	if kind != "Index" && kind != "UniqueConstraint" && !strings.HasSuffix(kind, "Index") {
		return facts.Index{}, false
	}
	ix := facts.Index{Unique: kind == "UniqueConstraint", At: p.at(a.Off)}
	ix.Name, _ = kwStr(args, "name")
	if f, ok := kw(args, "fields"); ok {
		for _, s := range strs(p.src, f) {
			ix.Columns = append(ix.Columns, m.column(s))
		}
	} else {
		// Index(Lower("email"), name=...): expressions as written.
		for _, e := range positional(args) {
			ix.Columns = append(ix.Columns, e.Val)
		}
	}
	return ix, len(ix.Columns) > 0
}
