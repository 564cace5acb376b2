package python

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// djangoModelsReader reads Django models (<app>/models.py,
// <app>/models/*.py) as Models: the schema when a project has no
// migrations, and what the drift check compares the migrations with.
// The app label is the folder holding models.py.
//
// Besides what djangoMigrationReader lists, a model inherits the fields
// of an abstract base in the same file and of Django's AbstractUser /
// AbstractBaseUser; a subclass of a concrete model gets <parent>_ptr_id,
// its primary key and a reference to the parent; proxy models have no
// table of their own.
var djangoModelsReader = schema.Reader{
	Tool: "django",
	Path: scan.MustCompile(`(?:^|/)models(?:\.py|/[^/]+\.py)$`),
	Need: []string{"django"},
	Read: readDjangoModels,
}

// djBuiltinBases are Django's abstract user models and the fields they
// add, as django.contrib.auth declares them.
var djBuiltinBases = map[string][]facts.Column{
	"AbstractBaseUser": {
		{Name: "password", Type: "varchar(128)"},
		{Name: "last_login", Type: "timestamptz", Nullable: true},
	},
	"PermissionsMixin": {
		{Name: "is_superuser", Type: "boolean", Default: "False"},
	},
	"AbstractUser": {
		{Name: "password", Type: "varchar(128)"},
		{Name: "last_login", Type: "timestamptz", Nullable: true},
		{Name: "is_superuser", Type: "boolean", Default: "False"},
		{Name: "username", Type: "varchar(150)"},
		{Name: "first_name", Type: "varchar(150)"},
		{Name: "last_name", Type: "varchar(150)"},
		{Name: "email", Type: "varchar(254)"},
		{Name: "is_staff", Type: "boolean", Default: "False"},
		{Name: "is_active", Type: "boolean", Default: "True"},
		{Name: "date_joined", Type: "timestamptz"},
	},
}

// djClass is what the file says about one class.
type djClass struct {
	fields   []pyStmt // its own and inherited field statements
	builtin  []facts.Column
	abstract bool
	model    bool // a Django model (concrete or abstract)
	table    string
}

func readDjangoModels(f scan.File) schema.Result {
	if !scan.Contains(f.Data, "django") || inMigrations(f.Path) {
		return schema.Result{}
	}
	app := djangoApp(f.Path)
	if app == "" {
		return schema.Result{}
	}
	p := newPyFile(f.Path, f.Source())
	s := &djScope{app: app, local: map[string]string{}, pks: map[string]facts.Column{}, imported: p.djImports(), auto: "bigint"}
	classes := p.classes()
	known := map[string]*djClass{}
	metas := map[string]map[string]pyArg{}
	// First pass: which classes are models, their tables.
	for _, c := range classes {
		dc := &djClass{}
		meta := map[string]pyArg{}
		for _, b := range c.baseNames() {
			switch n := lastName(b); {
			case n == "Model" || strings.HasSuffix(b, "models.Model"):
				dc.model = true
			case djBuiltinBases[n] != nil:
				dc.model = true
				dc.builtin = mergeCols(dc.builtin, djBuiltinBases[n])
			default:
				if base, ok := known[b]; ok && base.model {
					dc.model = true
				}
			}
		}
		for _, st := range p.body(c) {
			if st.nested != nil && st.name == "Meta" {
				for _, m := range p.body(*st.nested) {
					if m.hasVal {
						meta[m.name] = m.val
					}
				}
				continue
			}
			if st.hasVal && p.isModelField(st.val) {
				dc.fields = append(dc.fields, st)
				dc.model = true
			}
		}
		dc.abstract = meta["abstract"].Val == "True"
		if meta["proxy"].Val == "True" {
			dc.model = false
		}
		dc.table = djTable(app, c.name)
		if a, ok := meta["db_table"]; ok {
			if v, ok := pyStr(a.Val); ok && v != "" {
				dc.table = v
			}
		}
		if dc.model && !dc.abstract {
			s.local[strings.ToLower(c.name)] = dc.table
		}
		known[c.name] = dc
		metas[c.name] = meta
	}
	// Primary keys declared in the file, for the references to them.
	for _, c := range classes {
		dc := known[c.name]
		if !dc.model || dc.abstract {
			continue
		}
		for _, st := range dc.fields {
			if fd, ok := p.djField(s, dc.table, st.name, st.val); ok && fd.pk {
				s.pks[dc.table] = fd.col
			}
		}
	}
	var out []facts.Table
	budget := maxFieldReads
	for _, c := range classes {
		dc := known[c.name]
		if !dc.model {
			continue
		}
		// Inherited fields come first, as Django orders them.
		var fields []pyStmt
		var builtin []facts.Column
		var parents []string
		for _, b := range c.baseNames() {
			base, ok := known[b]
			if !ok || !base.model {
				continue
			}
			if base.abstract {
				fields = append(fields, base.fields...)
				builtin = mergeCols(builtin, base.builtin)
			} else {
				parents = append(parents, b)
			}
		}
		dc.fields = append(fields, dc.fields...)
		if len(dc.fields) > maxFields {
			dc.fields = dc.fields[:maxFields]
		}
		if budget -= len(dc.fields); budget < 0 {
			break // a hostile chain of subclasses; real files are far below
		}
		dc.builtin = mergeCols(builtin, dc.builtin)
		if dc.abstract || len(out) >= maxTables {
			continue
		}
		m := newDjModel(dc.table, p.at(c.off), s.auto)
		for _, parent := range parents {
			col := strings.ToLower(parent) + "_ptr_id"
			ref := known[parent].table
			m.add(djField{name: col, pk: true, unique: true,
				col: facts.Column{Name: col, Type: "bigint", At: m.t.Source},
				fk:  &facts.ForeignKey{Columns: []string{col}, References: ref, RefColumns: []string{"id"}, OnDelete: "cascade", At: m.t.Source}})
		}
		own := map[string]bool{}
		for _, st := range dc.fields {
			own[st.name] = true
		}
		for _, col := range dc.builtin {
			if own[col.Name] {
				continue // the model redeclares the field
			}
			col.At = m.t.Source
			m.add(djField{name: col.Name, col: col, unique: col.Name == "username"})
		}
		for _, st := range dc.fields {
			if fd, ok := p.djField(s, dc.table, st.name, st.val); ok {
				fd.col.At = p.at(st.off)
				if fd.fk != nil {
					fd.fk.At = fd.col.At
				}
				m.add(fd)
			}
		}
		m.implicitID()
		p.djOptions(m, metas[c.name])
		out = append(out, m.t)
		out = append(out, m.joinTables(c.name)...)
	}
	if len(out) == 0 {
		return schema.Result{}
	}
	return schema.Result{Models: out}
}

// isModelField reports whether the value constructs a model field:
// models.CharField(...), or a field class imported by name; not a
// serializer's or form's field.
func (p *pyFile) isModelField(a pyArg) bool {
	callee, _, paren := call(p.src, a)
	if !paren || !isDjField(callee) {
		return false
	}
	if first, _, dotted := strings.Cut(callee, "."); dotted {
		switch first {
		case "serializers", "forms", "filters", "fields", "graphene", "ma", "schema", "admin":
			return false
		}
	}
	return true
}

// djImports maps the names imported from another app's models
// (from shop.models import Product) to their tables (shop_product).
func (p *pyFile) djImports() map[string]string {
	out := map[string]string{}
	for k, l := range p.lines {
		if l.Indent != 0 || !hasPrefixAt(p.src, l.Off, "from ") {
			continue
		}
		stmt := string(p.src[l.Off:p.lineEnd(k)])
		mod, names, ok := strings.Cut(strings.TrimPrefix(stmt, "from "), " import ")
		if !ok {
			continue
		}
		mod = strings.TrimSpace(mod)
		parts := strings.Split(strings.TrimLeft(mod, "."), ".")
		app := ""
		for i := len(parts) - 1; i > 0; i-- {
			if parts[i] == "models" {
				app = parts[i-1]
				break
			}
		}
		if mod == "django.contrib.auth.models" {
			app = "auth"
		}
		if app == "" {
			continue
		}
		names = strings.Trim(strings.TrimSpace(names), "()")
		for n := range strings.SplitSeq(names, ",") {
			n = strings.TrimSpace(n)
			local := n
			if orig, alias, as := strings.Cut(n, " as "); as {
				n, local = strings.TrimSpace(orig), strings.TrimSpace(alias)
			}
			if n != "" && n != "*" {
				out[local] = djTable(app, n)
			}
		}
	}
	return out
}

// maxFields caps a model's fields (inherited ones included), and
// maxFieldReads the fields read from one file: inheritance copies a
// base's fields into every subclass.
const (
	maxFields     = 500
	maxFieldReads = 50000
)

// mergeCols appends the columns of more that cols lacks.
func mergeCols(cols, more []facts.Column) []facts.Column {
	for _, c := range more {
		dup := false
		for _, have := range cols {
			if have.Name == c.Name {
				dup = true
				break
			}
		}
		if !dup {
			cols = append(cols, c)
		}
	}
	return cols
}
