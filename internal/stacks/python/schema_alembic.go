package python

import (
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// alembicReader reads alembic revision files (migrations/versions/*.py,
// alembic/versions/*.py, any versions/*.py that sets revision): the op.*
// calls of upgrade(), ordered by revision and down_revision.
//
// What alembic and SQLAlchemy add that the file does not spell out: a
// Column is NULL unless primary_key or nullable=False; index=True on a
// column is an index named ix_<table>_<column>; unique=True is a unique
// constraint. Only upgrade() is applied; a downgrade() that does more
// than pass makes the revision reversible.
var alembicReader = schema.Reader{
	Tool: "alembic",
	Path: scan.MustCompile(`(?:^|/)versions/[^/]+\.py$`),
	Need: []string{"revision"},
	Read: readAlembic,
}

func readAlembic(f scan.File) schema.Result {
	p := newPyFile(f.Path, f.Source())
	rev, downs := "", []string(nil)
	for k, l := range p.lines {
		if l.Indent != 0 {
			continue
		}
		name, _, val, hasVal, ok := p.assign(k)
		if !ok || !hasVal {
			continue
		}
		switch name {
		case "revision":
			rev, _ = pyStr(val.Val)
		case "down_revision":
			downs = strs(p.src, val)
		}
	}
	if rev == "" {
		return schema.Result{}
	}
	m := schema.Migration{At: facts.Location{Path: f.Path}, ID: rev, After: downs, Reversible: "no"}
	if from, to, ok := p.funcBody("upgrade"); ok {
		r := alembicOps{p: p, batch: map[string]string{}, seen: map[string]bool{"upgrade": true, "downgrade": true}, helperCols: map[string][]pyArg{}}
		r.read(from, to)
		m.Ops, m.Destructive = r.ops, r.destructive
	}
	if from, to, ok := p.funcBody("downgrade"); ok && p.doesSomething(from, to) {
		m.Reversible = "yes"
	}
	return schema.Result{Migrations: []schema.Migration{m}}
}

// doesSomething reports whether the logical lines [from, to) hold a
// statement other than pass, ... or a docstring.
func (p *pyFile) doesSomething(from, to int) bool {
	for k := from; k < to; k++ {
		s, e := trimSpan(p.src, p.lines[k].Off, p.lineEnd(k))
		stmt := string(p.src[s:e])
		if stmt == "pass" || stmt == "..." {
			continue
		}
		if _, ok := pyStr(stmt); ok {
			continue
		}
		return true
	}
	return false
}

// alembicOps turns the op.* calls of one function body into steps.
type alembicOps struct {
	p           *pyFile
	batch       map[string]string // batch_alter_table alias → table
	ops         []schema.Op
	destructive []facts.Location
	// seen are the file's functions already read: upgrade() often calls
	// helpers (create_users_table()) whose op.* calls are its steps. Each
	// is read once, at most maxHelperDepth calls deep.
	seen  map[string]bool
	depth int
	// helperCols are the columns each *helper() gives, read once.
	helperCols map[string][]pyArg
}

const maxHelperDepth = 4

// maxOps caps the steps read from one migration.
const maxOps = 5000

func (r *alembicOps) read(from, to int) {
	if from >= to {
		return
	}
	src := r.p.src
	start, end := r.p.lines[from].Off, r.p.lineEnd(to-1)
	for i := start; i < end && len(r.ops) < maxOps; i++ {
		c := src[i]
		if c == '"' || c == '\'' {
			i = skipString(src, i) - 1
			continue
		}
		if !isIdent(c) || (i > 0 && (isIdent(src[i-1]) || src[i-1] == '.')) {
			continue
		}
		name := identAt(src, i)
		j := skipSpaces(src, i+len(name))
		recv, method, dotted := strings.Cut(name, ".")
		if !dotted && j < end && src[j] == '(' && !r.seen[name] && r.depth < maxHelperDepth {
			if from, to, ok := r.p.funcBody(name); ok {
				r.seen[name] = true
				r.depth++
				r.read(from, to)
				r.depth--
			}
		}
		table, isBatch := r.batch[recv]
		if !dotted || j >= end || src[j] != '(' || (recv != "op" && !isBatch) || strings.Contains(method, ".") {
			i += len(name) - 1
			continue
		}
		args, after := items(src[:end], j)
		r.op(method, table, isBatch, args, i)
		if method == "batch_alter_table" {
			// with op.batch_alter_table("t") as batch_op:
			k := skipSpaces(src, after)
			if hasPrefixAt(src, k, "as") {
				alias := identAt(src, skipSpaces(src, k+2))
				if t := r.str(args, 0, "table_name"); alias != "" && t != "" {
					r.batch[alias] = t
				}
			}
		}
		i = after - 1
	}
}

// str returns the string literal at positional i or keyword key.
func (r *alembicOps) str(args []pyArg, i int, key string) string {
	if a, ok := argAt(args, i, key); ok {
		if s, ok := pyStr(a.Val); ok {
			return s
		}
		// op.f("ix_users_email") names an index as given.
		if callee, cargs, _ := call(r.p.src, a); lastName(callee) == "f" && len(cargs) > 0 {
			s, _ := pyStr(cargs[0].Val)
			return s
		}
	}
	return ""
}

// argAt returns the positional argument i, or the keyword key.
func argAt(args []pyArg, i int, key string) (pyArg, bool) {
	if a, ok := kw(args, key); ok {
		return a, true
	}
	pos := positional(args)
	if i >= 0 && i < len(pos) {
		return pos[i], true
	}
	return pyArg{}, false
}

// colNames returns the column names of a list argument; an expression
// (sa.text("lower(email)")) is kept as written.
func (r *alembicOps) colNames(a pyArg) []string {
	var out []string
	for _, e := range elems(r.p.src, a) {
		if s, ok := pyStr(e.Val); ok {
			out = append(out, s)
		} else if expr, ok := sqlExpression(e.Val); ok {
			out = append(out, expr)
		} else if e.Val != "" {
			out = append(out, e.Val)
		}
	}
	return out
}

// sqlExpression unwraps an index's SQL expression written in Python,
// sa.literal_column("lower(email)") or sa.text("lower(email)"), to the SQL
// it holds, as a CREATE INDEX in SQL would spell it.
func sqlExpression(v string) (string, bool) {
	for _, fn := range []string{"sa.literal_column(", "literal_column(", "sa.text(", "text("} {
		if rest, ok := strings.CutPrefix(v, fn); ok {
			if inner, ok := strings.CutSuffix(strings.TrimSpace(rest), ")"); ok {
				return pyStr(strings.TrimSpace(inner))
			}
		}
	}
	return "", false
}

func (r *alembicOps) add(op schema.Op) { r.ops = append(r.ops, op) }

// op reads one op.<method>(...) call at off. In a batch block the table
// is the block's and is not among the arguments, so positions shift by
// one after where op.* takes the table.
func (r *alembicOps) op(method, batchTable string, isBatch bool, args []pyArg, off int) {
	at := r.p.at(off)
	if isBatch {
		tablePos := 0
		switch method {
		case "create_index", "create_unique_constraint", "create_primary_key", "drop_constraint", "drop_index", "create_foreign_key", "create_check_constraint":
			tablePos = 1
		}
		args = insertPositional(args, tablePos, pyArg{Val: strconv.Quote(batchTable)})
	}
	switch method {
	case "create_table":
		name := r.str(args, 0, "table_name")
		if name == "" {
			return
		}
		t := facts.Table{Name: name, Source: at}
		for i, a := range r.expand(positional(args), args) {
			if i == 0 {
				continue
			}
			callee, cargs, _ := call(r.p.src, a)
			if lastName(callee) == "Column" {
				c := r.p.saColumn(cargs, "", name, a.Off, false, nil)
				if c.col.Name == "" {
					continue
				}
				addSACol(&t, c)
				continue
			}
			r.p.saConstraint(&t, callee, cargs, a.Off)
		}
		r.add(schema.Op{Kind: schema.CreateTable, Table: name, Def: t, At: at})
	case "drop_table":
		if name := r.str(args, 0, "table_name"); name != "" {
			r.add(schema.Op{Kind: schema.DropTable, Table: name, At: at})
			r.destructive = append(r.destructive, at)
		}
	case "rename_table":
		if old, nw := r.str(args, 0, "old_table_name"), r.str(args, 1, "new_table_name"); old != "" && nw != "" {
			r.add(schema.Op{Kind: schema.RenameTable, Table: old, NewName: nw, At: at})
		}
	case "add_column":
		table := r.str(args, 0, "table_name")
		a, ok := argAt(args, 1, "column")
		if table == "" || !ok {
			return
		}
		callee, cargs, _ := call(r.p.src, a)
		if lastName(callee) != "Column" {
			return
		}
		c := r.p.saColumn(cargs, "", table, a.Off, false, nil)
		if c.col.Name == "" {
			return
		}
		r.add(schema.Op{Kind: schema.AddColumn, Table: table, Column: c.col, At: at})
		for _, fk := range c.fks {
			r.add(schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
		}
		for _, ix := range c.indexes {
			r.add(schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
		}
	case "drop_column":
		table, col := r.str(args, 0, "table_name"), r.str(args, 1, "column_name")
		if table != "" && col != "" {
			r.add(schema.Op{Kind: schema.DropColumn, Table: table, Name: col, At: at})
			r.destructive = append(r.destructive, at)
		}
	case "alter_column":
		table, col := r.str(args, 0, "table_name"), r.str(args, 1, "column_name")
		if table == "" || col == "" {
			return
		}
		var ch schema.Change
		if v, set := kwBool(args, "nullable"); set {
			ch.Nullable = &v
		}
		if a, ok := kw(args, "type_"); ok {
			callee, cargs, _ := call(r.p.src, a)
			t := saType(r.p.src, callee, cargs)
			ch.Type = &t
		}
		if a, ok := kw(args, "server_default"); ok {
			d := ""
			if a.Val != "None" {
				d = defaultText(r.p.src, a)
			}
			ch.Default = &d
		}
		if ch != (schema.Change{}) {
			r.add(schema.Op{Kind: schema.AlterColumn, Table: table, Name: col, Change: ch, At: at})
		}
		if nw, ok := kwStr(args, "new_column_name"); ok && nw != "" {
			r.add(schema.Op{Kind: schema.RenameColumn, Table: table, Name: col, NewName: nw, At: at})
		}
	case "create_index":
		name, table := r.str(args, 0, "index_name"), r.str(args, 1, "table_name")
		a, ok := argAt(args, 2, "columns")
		if table == "" || !ok {
			return
		}
		unique, _ := kwBool(args, "unique")
		r.add(schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Name: name, Columns: r.colNames(a), Unique: unique, At: at}, At: at})
	case "create_unique_constraint":
		name, table := r.str(args, 0, "constraint_name"), r.str(args, 1, "table_name")
		a, ok := argAt(args, 2, "columns")
		if table == "" || !ok {
			return
		}
		r.add(schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Name: name, Columns: r.colNames(a), Unique: true, At: at}, At: at})
	case "create_primary_key":
		table := r.str(args, 1, "table_name")
		if a, ok := argAt(args, 2, "columns"); ok && table != "" {
			r.add(schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: r.colNames(a), At: at})
		}
	case "create_foreign_key":
		name, src, ref := r.str(args, 0, "constraint_name"), r.str(args, 1, "source_table"), r.str(args, 2, "referent_table")
		local, ok1 := argAt(args, 3, "local_cols")
		remote, ok2 := argAt(args, 4, "remote_cols")
		if src == "" || ref == "" || !ok1 || !ok2 {
			return
		}
		fk := facts.ForeignKey{Name: name, Columns: r.colNames(local), References: ref, RefColumns: r.colNames(remote), At: at}
		if s, ok := kwStr(args, "ondelete"); ok {
			fk.OnDelete = strings.ToLower(strings.TrimSpace(s))
		}
		r.add(schema.Op{Kind: schema.AddForeignKey, Table: src, FK: fk, At: at})
	case "drop_index":
		name, table := r.str(args, 0, "index_name"), r.str(args, 1, "table_name")
		if name != "" && table != "" {
			r.add(schema.Op{Kind: schema.DropIndex, Table: table, Name: name, At: at})
		}
	case "drop_constraint":
		name, table := r.str(args, 0, "constraint_name"), r.str(args, 1, "table_name")
		if name == "" || table == "" {
			return
		}
		typ, _ := kwStr(args, "type_")
		switch typ {
		case "foreignkey":
			r.add(schema.Op{Kind: schema.DropForeignKey, Table: table, Name: name, At: at})
		case "unique":
			r.add(schema.Op{Kind: schema.DropIndex, Table: table, Name: name, At: at})
		case "primary":
			r.add(schema.Op{Kind: schema.DropPrimaryKey, Table: table, At: at})
		case "":
			// Unknown kind: whichever of the two it names goes.
			r.add(schema.Op{Kind: schema.DropForeignKey, Table: table, Name: name, At: at})
			r.add(schema.Op{Kind: schema.DropIndex, Table: table, Name: name, At: at})
		}
	}
}

// expand returns the positional arguments with each *helper() (a
// function of the file returning columns, like timestamps()) replaced
// by the Column(...) calls its body makes.
func (r *alembicOps) expand(pos, all []pyArg) []pyArg {
	out := append([]pyArg(nil), pos...)
	for _, a := range all {
		v, star := strings.CutPrefix(a.Val, "*")
		if !star || strings.HasPrefix(v, "*") {
			continue
		}
		fn := strings.TrimSuffix(strings.TrimSpace(v), "()")
		cols, done := r.helperCols[fn]
		if !done {
			if from, to, ok := r.p.funcBody(fn); ok && from < to {
				cols = r.p.columnCalls(r.p.lines[from].Off, r.p.lineEnd(to-1))
			}
			r.helperCols[fn] = cols // read each helper once
		}
		if len(out)+len(cols) > maxArgs {
			break
		}
		out = append(out, cols...)
	}
	return out
}

// columnCalls returns the Column(...) calls in src[from:to], outermost
// only.
func (p *pyFile) columnCalls(from, to int) []pyArg {
	var out []pyArg
	src := p.src[:to]
	for i := from; i < to && len(out) < maxArgs; i++ {
		c := src[i]
		if c == '"' || c == '\'' {
			i = skipString(src, i) - 1
			continue
		}
		if !isIdent(c) || (i > 0 && (isIdent(src[i-1]) || src[i-1] == '.')) {
			continue
		}
		name := identAt(src, i)
		j := skipSpaces(src, i+len(name))
		if lastName(name) != "Column" || j >= to || src[j] != '(' {
			i += len(name) - 1
			continue
		}
		_, after := items(src, j)
		out = append(out, pyArg{Val: string(src[i:after]), Off: i, End: after})
		i = after - 1
	}
	return out
}

// maxTableColumns caps the columns read into one table.
const maxTableColumns = 500

// addSACol adds a column read from sa.Column to t with its key,
// references and indexes.
func addSACol(t *facts.Table, c saCol) {
	if len(t.Columns) >= maxTableColumns {
		return
	}
	t.Columns = append(t.Columns, c.col)
	if c.pk {
		t.PrimaryKey = append(t.PrimaryKey, c.col.Name)
	}
	t.ForeignKeys = append(t.ForeignKeys, c.fks...)
	t.Indexes = append(t.Indexes, c.indexes...)
}

// insertPositional inserts a as the positional argument number i.
func insertPositional(args []pyArg, i int, a pyArg) []pyArg {
	out := make([]pyArg, 0, len(args)+1)
	n := 0
	done := false
	for _, x := range args {
		if !done && !x.HasKeyword && n == i {
			out = append(out, a)
			done = true
		}
		if !x.HasKeyword {
			n++
		}
		out = append(out, x)
	}
	if !done {
		// Fewer positionals than i: the table goes last among them.
		out = append(out, a)
	}
	return out
}
