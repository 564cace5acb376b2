package python

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// djangoMigrationReader reads Django migrations (<app>/migrations/
// NNNN_name.py): the operations list, ordered by dependencies.
//
// What Django adds that a migration does not spell out: the table of a
// model is <app>_<model> (lower-cased) unless db_table; a ForeignKey
// field x is a column x_id with an index (unless db_index=False); a
// OneToOneField's column is unique; a ManyToManyField without through=
// is a join table <table>_<field> with two references, each indexed, and
// the pair unique; a model with no primary key gets id. Django can undo
// every operation but RunPython without reverse_code and RunSQL without
// reverse_sql.
var djangoMigrationReader = schema.Reader{
	Tool: "django",
	Path: scan.MustCompile(`(?:^|/)migrations/\d{4}_\w+\.py$`),
	Need: []string{"operations"},
	Read: readDjangoMigration,
}

// djangoApp returns the app label of a file under <app>/migrations/ or
// the app of <app>/models.py / <app>/models/x.py.
func djangoApp(p string) string {
	dir := path.Dir(p)
	switch path.Base(dir) {
	case "migrations", "models":
		dir = path.Dir(dir)
	}
	if dir == "." || dir == "/" || dir == "" {
		return ""
	}
	return path.Base(dir)
}

func readDjangoMigration(f scan.File) schema.Result {
	app := djangoApp(f.Path)
	if app == "" {
		return schema.Result{}
	}
	p := newPyFile(f.Path, f.Source())
	name := strings.TrimSuffix(path.Base(f.Path), ".py")
	m := schema.Migration{At: facts.Location{Path: f.Path}, ID: app + "." + name, Key: app + "/" + name, Reversible: "yes"}
	s := &djScope{app: app, local: map[string]string{}, pks: map[string]facts.Column{}, imported: map[string]string{}, auto: djAutoType(f.Data)}
	r := &djOps{p: p, s: s, app: app, models: map[string]*djModel{}}
	found := false
	// The operations and dependencies are class attributes of Migration.
	for k, l := range p.lines {
		if l.Indent == 0 {
			continue
		}
		attr, _, val, hasVal, ok := p.assign(k)
		if !ok || !hasVal {
			continue
		}
		switch attr {
		case "dependencies":
			for _, d := range elems(p.src, val) {
				parts := strs(p.src, d)
				if len(parts) == 2 && !strings.HasPrefix(parts[1], "__") {
					m.After = append(m.After, parts[0]+"."+parts[1])
				}
			}
		case "operations":
			found = true
			for _, op := range elems(p.src, val) {
				if len(r.ops) >= maxOps {
					break
				}
				r.op(op)
			}
		}
	}
	if !found {
		return schema.Result{}
	}
	m.Ops, m.Destructive = r.ops, r.destructive
	if r.irreversible {
		m.Reversible = "no"
	}
	return schema.Result{Migrations: []schema.Migration{m}}
}

// djOps turns one migration's operations into steps.
type djOps struct {
	p            *pyFile
	s            *djScope
	app          string
	models       map[string]*djModel // lower model name → created here
	ops          []schema.Op
	destructive  []facts.Location
	irreversible bool
	nested       bool // reading a SeparateDatabaseAndState's operations
	// model is the model the operation being read acts on.
	model string
}

// add appends a step. A step on the table of the operation's model
// names that model, so Apply can follow the table a db_table or
// AlterModelTable in another file gave it.
func (r *djOps) add(op schema.Op) {
	if r.model != "" {
		own := r.table(r.model)
		if op.Kind == schema.CreateTable && op.Def.Name == own || op.Kind != schema.CreateTable && op.Table == own {
			op.Model = r.app + "." + strings.ToLower(r.model)
		}
	}
	r.ops = append(r.ops, op)
}

// table is the table of the model name: the one created in this file
// (with its db_table), else <app>_<model>.
func (r *djOps) table(model string) string {
	if m, ok := r.models[strings.ToLower(model)]; ok {
		return m.t.Name
	}
	return djTable(r.app, model)
}

// column is the column of the field of model, when this file knows it.
func (r *djOps) column(model, field string) string {
	if m, ok := r.models[strings.ToLower(model)]; ok {
		return m.column(field)
	}
	return field
}

func (r *djOps) op(a pyArg) {
	callee, args, paren := call(r.p.src, a)
	if !paren {
		return
	}
	at := r.p.at(a.Off)
	str := func(i int, key string) string {
		if v, ok := argAt(args, i, key); ok {
			s, _ := pyStr(v.Val)
			return s
		}
		return ""
	}
	r.model = str(0, "name")
	if m := str(0, "model_name"); m != "" {
		r.model = m
	}
	if lastName(callee) == "RenameModel" {
		r.model = str(0, "old_name")
	}
	defer func() { r.model = "" }()
	switch lastName(callee) {
	case "CreateModel":
		r.createModel(args, at)
	case "DeleteModel":
		if name := str(0, "name"); name != "" {
			r.add(schema.Op{Kind: schema.DropTable, Table: r.table(name), At: at})
			r.destructive = append(r.destructive, at)
		}
	case "RenameModel":
		old, nw := str(0, "old_name"), str(1, "new_name")
		if old != "" && nw != "" {
			r.add(schema.Op{Kind: schema.RenameTable, Table: r.table(old), NewName: djTable(r.app, nw), At: at})
		}
	case "AlterModelTable":
		name, table := str(0, "name"), str(1, "table")
		if v, ok := argAt(args, 1, "table"); ok && strings.TrimSpace(v.Val) == "None" {
			table = djTable(r.app, name) // back to Django's default name
		}
		if name != "" && table != "" {
			r.add(schema.Op{Kind: schema.RenameTable, Table: r.table(name), NewName: table, At: at})
		}
	case "AddField", "AlterField":
		model, name := str(0, "model_name"), str(1, "name")
		fa, ok := argAt(args, 2, "field")
		if model == "" || name == "" || !ok {
			return
		}
		table := r.table(model)
		f, ok := r.p.djField(r.s, table, name, fa)
		if !ok {
			return
		}
		if lastName(callee) == "AddField" {
			r.addField(model, table, f, at)
		} else {
			r.alterField(table, f, at)
		}
	case "RemoveField":
		model, name := str(0, "model_name"), str(1, "name")
		if model == "" || name == "" {
			return
		}
		table := r.table(model)
		// A reference's column is name_id and a many-to-many its own
		// table; which one this was is in another file, so all go (a
		// step on what does not exist changes nothing).
		r.add(schema.Op{Kind: schema.DropColumn, Table: table, Name: r.column(model, name), At: at})
		r.add(schema.Op{Kind: schema.DropColumn, Table: table, Name: name + "_id", At: at})
		r.add(schema.Op{Kind: schema.DropTable, Table: table + "_" + name, At: at})
		r.destructive = append(r.destructive, at)
	case "RenameField":
		model, old, nw := str(0, "model_name"), str(1, "old_name"), str(2, "new_name")
		if model == "" || old == "" || nw == "" {
			return
		}
		table := r.table(model)
		r.add(schema.Op{Kind: schema.RenameColumn, Table: table, Name: old, NewName: nw, At: at})
		r.add(schema.Op{Kind: schema.RenameColumn, Table: table, Name: old + "_id", NewName: nw + "_id", At: at})
	case "AddIndex", "AddConstraint":
		model := str(0, "model_name")
		key := "index"
		if lastName(callee) == "AddConstraint" {
			key = "constraint"
		}
		ia, ok := argAt(args, 1, key)
		if model == "" || !ok {
			return
		}
		m := r.models[strings.ToLower(model)]
		if m == nil {
			m = newDjModel(r.table(model), at, r.s.auto)
		}
		if ix, ok := r.p.djIndex(m, ia); ok {
			r.add(schema.Op{Kind: schema.AddIndex, Table: m.t.Name, Index: ix, At: at})
		}
	case "RemoveIndex", "RemoveConstraint":
		model, name := str(0, "model_name"), str(1, "name")
		if model != "" && name != "" {
			r.add(schema.Op{Kind: schema.DropIndex, Table: r.table(model), Name: name, At: at})
		}
	case "AlterUniqueTogether", "AlterIndexTogether":
		model := str(0, "name")
		key := "unique_together"
		if lastName(callee) == "AlterIndexTogether" {
			key = "index_together"
		}
		v, ok := argAt(args, 1, key)
		if model == "" || !ok {
			return
		}
		m := r.models[strings.ToLower(model)]
		if m == nil {
			m = newDjModel(r.table(model), at, r.s.auto)
		}
		// A field of a model created in another migration is taken as
		// its column: whether it is a reference (x → x_id) is in that file.
		tmp := newDjModel(m.t.Name, at, r.s.auto)
		tmp.cols = m.cols
		r.p.djOptions(tmp, map[string]pyArg{key: v})
		for _, ix := range tmp.t.Indexes {
			r.add(schema.Op{Kind: schema.AddIndex, Table: m.t.Name, Index: ix, At: at})
		}
	case "SeparateDatabaseAndState":
		// Only database_operations reach the database; state_operations
		// tell Django's model state what already happened.
		if dbOps, ok := argAt(args, 0, "database_operations"); ok && !r.nested {
			r.nested = true
			for _, e := range elems(r.p.src, dbOps) {
				r.op(e)
			}
			r.nested = false
		}
	case "RunPython":
		if _, ok := argAt(args, 1, "reverse_code"); !ok || isNone(args, 1, "reverse_code") {
			r.irreversible = true
		}
	case "RunSQL":
		if _, ok := argAt(args, 1, "reverse_sql"); !ok || isNone(args, 1, "reverse_sql") {
			r.irreversible = true
		}
	}
}

// djAutoType guesses DEFAULT_AUTO_FIELD from a migration: the ids
// makemigrations wrote are AutoField in a project started before Django
// 3.2 (or that kept it), BigAutoField since; one BigAutoField says the
// project's default is bigint.
func djAutoType(data []byte) string {
	typ := "bigint"
	for _, m := range djAutoID.FindAllSubmatch(data, 100) {
		switch string(m[1]) {
		case "Big":
			return "bigint"
		case "":
			typ = "integer"
		}
	}
	return typ
}

// djAutoID finds the auto-created id fields of a migration.
var djAutoID = scan.MustCompile(`\b(Big|Small)?AutoField\(\s*[^)]*\bauto_created=True`)

// isNone reports whether the argument is the literal None.
func isNone(args []pyArg, i int, key string) bool {
	a, ok := argAt(args, i, key)
	return ok && a.Val == "None"
}

// createModel reads CreateModel(name=..., fields=[...], options={...}).
func (r *djOps) createModel(args []pyArg, at facts.Location) {
	nameArg, ok := argAt(args, 0, "name")
	if !ok {
		return
	}
	model, ok := pyStr(nameArg.Val)
	if !ok || model == "" {
		return
	}
	opts := map[string]pyArg{}
	if o, ok := argAt(args, 2, "options"); ok {
		for _, e := range elems(r.p.src, o) {
			if e.HasKeyword {
				opts[e.Key] = e
			}
		}
	}
	table := djTable(r.app, model)
	if a, ok := opts["db_table"]; ok {
		if s, ok := pyStr(a.Val); ok && s != "" {
			table = s
		}
	}
	m := newDjModel(table, at, r.s.auto)
	r.models[strings.ToLower(model)] = m
	r.s.local[strings.ToLower(model)] = table
	if fa, ok := argAt(args, 1, "fields"); ok {
		for _, e := range elems(r.p.src, fa) {
			pair := elems(r.p.src, e)
			if len(pair) != 2 {
				continue
			}
			name, ok := pyStr(pair[0].Val)
			if !ok {
				continue
			}
			if f, ok := r.p.djField(r.s, table, name, pair[1]); ok {
				m.add(f)
			}
		}
	}
	m.implicitID()
	if id := m.t.Column(m.t.PrimaryKey[0]); id != nil {
		r.s.pks[table] = *id
	}
	r.p.djOptions(m, opts)
	r.add(schema.Op{Kind: schema.CreateTable, Table: table, Def: m.t, At: at})
	for _, jt := range m.joinTables(model) {
		r.add(schema.Op{Kind: schema.CreateTable, Table: jt.Name, Def: jt, At: jt.Source})
	}
}

func (r *djOps) addField(model, table string, f djField, at facts.Location) {
	if m, ok := r.models[strings.ToLower(model)]; ok && f.m2m == "" {
		m.cols[f.name] = f.col.Name
	}
	if f.m2m != "" {
		if f.m2mThrough {
			return
		}
		tmp := newDjModel(table, at, r.s.auto)
		tmp.m2m = []djField{f}
		for _, jt := range tmp.joinTables(model) {
			r.add(schema.Op{Kind: schema.CreateTable, Table: jt.Name, Def: jt, At: at})
		}
		return
	}
	r.add(schema.Op{Kind: schema.AddColumn, Table: table, Column: f.col, At: at})
	r.fieldExtras(table, f, at)
}

func (r *djOps) alterField(table string, f djField, at facts.Location) {
	if f.m2m != "" {
		return
	}
	typ, null, def := f.col.Type, f.col.Nullable, f.col.Default
	r.add(schema.Op{Kind: schema.AlterColumn, Table: table, Name: f.col.Name, Change: schema.Change{Type: &typ, Nullable: &null, Default: &def}, At: at})
	r.fieldExtras(table, f, at)
}

// fieldExtras adds the key, reference and index a field brings.
func (r *djOps) fieldExtras(table string, f djField, at facts.Location) {
	if f.pk {
		r.add(schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: []string{f.col.Name}, At: at})
	}
	if f.fk != nil {
		r.add(schema.Op{Kind: schema.AddForeignKey, Table: table, FK: *f.fk, At: at})
	}
	switch {
	case f.unique && !f.pk:
		r.add(schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Columns: []string{f.col.Name}, Unique: true, At: f.col.At}, At: at})
	case f.index && !f.pk:
		r.add(schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Columns: []string{f.col.Name}, At: f.col.At}, At: at})
	}
}
