package ruby

import (
	"path"
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// SchemaReaders read Active Record migrations (db/migrate, including the
// ones engines copied there: their tables are real tables) and, when there
// are none, the committed db/schema.rb.
//
// What Rails adds that the code does not spell out, and the reader adds
// too: create_table's `id` column (bigint since Rails 5.1, integer
// before; id: false drops it, id: :uuid changes its type) as the primary
// key; t.timestamps' created_at and updated_at NOT NULL; t.references'
// <name>_id bigint with an index (index: false drops it), a foreign key only
// with foreign_key: (Rails does not add one for belongs_to by itself);
// create_join_table's two <name>_id columns with no primary key; index names
// index_<table>_on_<columns>. t.string without limit: is "varchar".
var SchemaReaders = []schema.Reader{
	{Tool: "rails", Path: scan.MustCompile(`(?:^|/)db/migrate/\d+_\w+(?:\.\w+)?\.rb$`), Read: readRailsMigration},
	{Tool: "rails", Path: scan.MustCompile(`(?:^|/)db/schema\.rb$`), Need: []string{"create_table"}, Read: readSchemaRb},
}

func readRailsMigration(f scan.File) schema.Result {
	at := facts.Location{Path: f.Path, Line: 1}
	m := parseRails(f.Path, f.Source())
	if len(m.ops) == 0 && m.reversible == "" {
		return schema.Result{}
	}
	key := path.Base(f.Path)
	if i := strings.IndexByte(key, '_'); i > 0 {
		key = key[:i]
	}
	return schema.Result{Migrations: []schema.Migration{{
		At: at, Key: key, Ops: m.ops, Reversible: m.reversible, Destructive: m.destructive,
	}}}
}

func readSchemaRb(f scan.File) schema.Result {
	m := parseRails(f.Path, f.Source())
	return schema.Result{Snapshot: schema.Apply([]schema.Migration{{Ops: m.ops}})}
}

// railsMigration is what parseRails read from one file.
type railsMigration struct {
	ops         []schema.Op
	reversible  string
	destructive []facts.Location
}

// frame is one open do…end (or def, class, if…) block.
type frame struct {
	kind   string // def, create, change, dirdown, block
	method string // def: the method's name
	tvar   string // create/change: the block's variable (|t|)
	table  string
	def    *facts.Table
	at     facts.Location
	stmts  int // def: statements inside
}

// maxFrames bounds the block stack; deeper blocks are counted but not kept.
const maxFrames = 64

type railsParser struct {
	path     string
	toks     []schema.Token
	m        []int
	lines    schema.Lines
	stack    []frame
	overflow int
	// version is the Migration[x.y] the file is written for (4.2 for a
	// bare ActiveRecord::Migration, 0 for none: db/schema.rb): before 5.0
	// t.references adds no index, before 5.1 ids are integer.
	version float64

	out                         railsMigration
	methods                     map[string]int // def name → statements (-1 when absent)
	irreversible, raisesInstead bool
}

func parseRails(p string, src []byte) railsMigration {
	rp := &railsParser{path: p, toks: schema.Lex(src, "ruby"), lines: schema.NewLines(src), methods: map[string]int{}}
	rp.m = schema.Match(rp.toks)
	rp.version = migrationVersion(rp.toks)
	for _, st := range rubyStatements(rp.toks, rp.m) {
		rp.statement(st[0], st[1])
	}
	for len(rp.stack) > 0 { // unclosed blocks: keep what they declared
		rp.pop()
	}
	_, change := rp.methods["change"]
	up, hasUp := rp.methods["up"]
	down, hasDown := rp.methods["down"]
	switch {
	case change:
		rp.out.reversible = "yes"
		if rp.irreversible || rp.raisesInstead {
			rp.out.reversible = "no"
		}
	case hasUp && up >= 0:
		rp.out.reversible = "no"
		if hasDown && down > 0 && !rp.raisesInstead {
			rp.out.reversible = "yes"
		}
	}
	return rp.out
}

// migrationVersion reads ActiveRecord::Migration[x.y]: 4.2 when the
// version is missing (Rails before 5); for db/schema.rb Schema[x.y], or 5.0
// for a dump older than Rails 5.1; 0 when unknown (today's defaults).
func migrationVersion(toks []schema.Token) float64 {
	for i := 0; i+2 < len(toks) && i < 64; i++ {
		if toks[i].Text == "ActiveRecord" && toks[i+1].Text == "::" && toks[i+2].Text == "Migration" {
			if i+4 < len(toks) && toks[i+3].Text == "[" {
				if v, err := strconv.ParseFloat(toks[i+4].Text, 64); err == nil {
					return v
				}
			}
			return 4.2
		}
		if toks[i].Text == "ActiveRecord" && toks[i+1].Text == "::" && toks[i+2].Text == "Schema" {
			if i+4 < len(toks) && toks[i+3].Text == "[" {
				if v, err := strconv.ParseFloat(toks[i+4].Text, 64); err == nil {
					return v
				}
			}
			// A dump with no [x.y] is from before Rails 7; one whose
			// schema version predates Rails 5.1 (April 2017) has integer ids.
			for j := i + 3; j < len(toks) && j < i+12; j++ {
				if toks[j].Kind == schema.Number {
					if v, err := strconv.ParseInt(strings.ReplaceAll(toks[j].Text, "_", ""), 10, 64); err == nil && v > 19000000000000 && v < 20170427000000 {
						return 5.0
					}
					break
				}
			}
			return 0
		}
	}
	return 0
}

// rubyStatements splits tokens into statements: at newlines and semicolons
// outside brackets, joining a line that ends in a comma, backslash or dot,
// or whose next line starts with a dot.
func rubyStatements(toks []schema.Token, m []int) [][2]int {
	var out [][2]int
	start, bars := 0, 0
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Kind == schema.Punct && t.Text == "|" {
			bars++
		}
		if t.Kind == schema.Newline || (t.Kind == schema.Punct && t.Text == ";") {
			cont := false
			if i > start && t.Kind == schema.Newline {
				last := toks[i-1].Text
				cont = last == "," || last == "\\" || last == "." || last == "=>" || last == "|" && bars%2 == 1
				j := i + 1
				for j < len(toks) && toks[j].Kind == schema.Newline {
					j++
				}
				if j < len(toks) && toks[j].Kind == schema.Punct && (toks[j].Text == "." || toks[j].Text == "&") {
					cont = true
				}
			}
			if !cont {
				if i > start {
					out = append(out, [2]int{start, i})
				}
				start, bars = i+1, 0
			}
			i++
			continue
		}
		i = schema.Next(m, i)
	}
	if start < len(toks) {
		out = append(out, [2]int{start, len(toks)})
	}
	return out
}

func (rp *railsParser) loc(tok int) facts.Location {
	if tok >= len(rp.toks) {
		tok = len(rp.toks) - 1
	}
	return facts.Location{Path: rp.path, Line: rp.lines.At(rp.toks[tok].Off)}
}

func (rp *railsParser) push(f frame) {
	if len(rp.stack) >= maxFrames {
		rp.overflow++
		return
	}
	rp.stack = append(rp.stack, f)
}

func (rp *railsParser) pop() {
	if rp.overflow > 0 {
		rp.overflow--
		return
	}
	if len(rp.stack) == 0 {
		return
	}
	f := rp.stack[len(rp.stack)-1]
	rp.stack = rp.stack[:len(rp.stack)-1]
	if f.kind == "def" {
		if _, ok := rp.methods[f.method]; !ok || rp.methods[f.method] < f.stmts {
			rp.methods[f.method] = f.stmts
		}
	}
	if f.kind == "create" && f.def != nil && rp.active() {
		rp.out.ops = append(rp.out.ops, schema.Op{Kind: schema.CreateTable, Table: f.def.Name, Def: *f.def, At: f.at})
	}
}

// method is the innermost def's name ("" outside any).
func (rp *railsParser) method() (string, *frame) {
	for i := len(rp.stack) - 1; i >= 0; i-- {
		if rp.stack[i].kind == "def" {
			return rp.stack[i].method, &rp.stack[i]
		}
	}
	return "", nil
}

// active reports whether steps read now build the schema: in change or
// up (or at the top of db/schema.rb), not in down or a reversible's
// down block.
func (rp *railsParser) active() bool {
	for _, f := range rp.stack {
		if f.kind == "dirdown" {
			return false
		}
	}
	name, _ := rp.method()
	return name == "" || name == "change" || name == "up"
}

func (rp *railsParser) inReversible() bool {
	for _, f := range rp.stack {
		if f.kind == "reversible" {
			return true
		}
	}
	return false
}

var blockKeywords = map[string]bool{"class": true, "module": true, "if": true, "unless": true, "case": true, "while": true, "until": true, "begin": true, "for": true}

func (rp *railsParser) statement(from, to int) {
	toks := rp.toks
	first := toks[from]
	if first.Kind == schema.Ident && first.Text == "end" {
		rp.pop()
		for i := from + 1; i < to; i++ { // `end end`
			if toks[i].Is("end") {
				rp.pop()
			}
		}
		return
	}
	if first.Kind == schema.Ident && first.Text == "def" {
		name := ""
		for i := from + 1; i < to && i < from+4; i++ {
			if toks[i].Kind == schema.Ident && toks[i].Text != "self" {
				name = toks[i].Text
				break
			}
		}
		rp.push(frame{kind: "def", method: name})
		// def up; end on one line is split at the semicolon; `def x = y`
		// (endless) has no end.
		for i := from + 1; i < to; i++ {
			if toks[i].Is("=") {
				rp.pop()
				break
			}
		}
		return
	}
	if _, d := rp.method(); d != nil {
		d.stmts++
	}
	if first.Kind == schema.Ident && blockKeywords[first.Text] {
		rp.push(frame{kind: "block"})
		return
	}
	if first.Is("raise") && to-from > 1 {
		for i := from + 1; i < to; i++ {
			if toks[i].Text == "IrreversibleMigration" {
				rp.raisesInstead = true
			}
		}
	}
	// The call and its arguments: recv.name args, or name args, up to a
	// trailing `do |var|`.
	doAt, blockVar := -1, ""
	for i := from; i < to; i = schema.Next(rp.m, i) {
		if toks[i].Is("do") {
			doAt = i
			if i+2 < to && toks[i+1].Is("|") && toks[i+2].Kind == schema.Ident {
				blockVar = toks[i+2].Text
			}
			break
		}
	}
	end := to
	if doAt >= 0 {
		end = doAt
	}
	recv, name, argsFrom := "", "", from
	if first.Kind == schema.Ident {
		name, argsFrom = first.Text, from+1
		if from+2 < end && toks[from+1].Is(".") && toks[from+2].Kind == schema.Ident {
			recv, name, argsFrom = first.Text, toks[from+2].Text, from+3
		}
	}
	argsTo := end
	if argsFrom > from && argsFrom < end && toks[argsFrom].Is("(") && toks[argsFrom].Off == toks[argsFrom-1].Off+len(toks[argsFrom-1].Text) {
		argsTo = min(rp.m[argsFrom], end)
		argsFrom++
	}
	args := schema.Args(toks, rp.m, argsFrom, argsTo)
	at := rp.loc(from)

	var opened *frame
	if top := rp.top(); top != nil && recv != "" && recv == top.tvar && (top.kind == "create" || top.kind == "change") {
		rp.tableCall(top, name, args, at)
	} else if recv == "" {
		opened = rp.call(name, args, at, doAt >= 0)
	} else if top := rp.top(); top != nil && top.kind == "reversible" && recv == top.tvar && name == "down" {
		opened = &frame{kind: "dirdown"}
	}
	if doAt < 0 && opened != nil && opened.kind == "create" && rp.overflow == 0 { // create_table :x with no block
		rp.stack = append(rp.stack, *opened)
		rp.pop()
	}
	if doAt >= 0 {
		f := frame{kind: "block"}
		if opened != nil {
			f = *opened
		}
		f.tvar = blockVar
		rp.push(f)
	}
}

func (rp *railsParser) top() *frame {
	if len(rp.stack) == 0 || rp.overflow > 0 {
		return nil
	}
	return &rp.stack[len(rp.stack)-1]
}

func (rp *railsParser) emit(op schema.Op) {
	if rp.active() {
		rp.out.ops = append(rp.out.ops, op)
	}
}

func (rp *railsParser) destroy(at facts.Location) {
	if rp.active() && len(rp.out.destructive) < 50 {
		rp.out.destructive = append(rp.out.destructive, at)
	}
}

// notInChange marks a step `def change` cannot reverse.
func (rp *railsParser) notInChange() {
	if name, _ := rp.method(); name == "change" && !rp.inReversible() {
		rp.irreversible = true
	}
}

// call reads a migration step; it returns the frame a do block it opens
// is.
func (rp *railsParser) call(name string, args []schema.Arg, at facts.Location, block bool) *frame {
	pos := schema.Positional(args)
	str := func(i int) string {
		if i < len(pos) {
			s, _ := pos[i].Name()
			return s
		}
		return ""
	}
	table := str(0)
	switch name {
	case "create_table":
		if table == "" {
			return nil
		}
		def := &facts.Table{Name: table, Source: at}
		rp.implicitID(def, args, at)
		return &frame{kind: "create", table: table, def: def, at: at}
	case "create_join_table":
		a, b := str(0), str(1)
		if a == "" || b == "" {
			return nil
		}
		tname := joinTableName(a, b)
		if o := schema.Named(args, "table_name"); o != nil {
			if s, ok := o.Name(); ok {
				tname = s
			}
		}
		def := &facts.Table{Name: tname, Source: at}
		null := false
		if o := rp.opts(args, "column_options"); o != nil {
			if v := schema.Named(o, "null"); v != nil && v.Text() == "true" {
				null = true
			}
		}
		for _, n := range []string{a, b} {
			def.Columns = append(def.Columns, facts.Column{Name: tableSingular(n) + "_id", Type: "bigint", Nullable: null, At: at})
		}
		return &frame{kind: "create", table: tname, def: def, at: at}
	case "change_table":
		if table == "" {
			return nil
		}
		return &frame{kind: "change", table: table, at: at}
	case "reversible":
		return &frame{kind: "reversible"}
	case "drop_table", "drop_join_table":
		t := table
		if name == "drop_join_table" {
			t = joinTableName(str(0), str(1))
		}
		rp.emit(schema.Op{Kind: schema.DropTable, Table: t, At: at})
		rp.destroy(at)
		if !block {
			rp.notInChange()
		}
		return &frame{kind: "dirdown"} // a drop_table block describes the table for rollback
	case "rename_table":
		rp.emit(schema.Op{Kind: schema.RenameTable, Table: table, NewName: str(1), At: at})
	case "add_column":
		if len(pos) >= 3 {
			rp.emit(schema.Op{Kind: schema.AddColumn, Table: table, Column: rp.column(str(1), str(2), args, at), At: at})
			rp.columnIndex(table, str(1), args, at)
		}
	case "remove_column", "remove_columns":
		cols := []string{str(1)}
		if name == "remove_columns" {
			cols = nil
			for _, p := range pos[min(1, len(pos)):] {
				if s, ok := p.Name(); ok {
					cols = append(cols, s)
				}
			}
		}
		for _, c := range cols {
			rp.emit(schema.Op{Kind: schema.DropColumn, Table: table, Name: c, At: at})
		}
		rp.destroy(at)
		if (name == "remove_column" && len(pos) < 3 && schema.Named(args, "type") == nil) || (name == "remove_columns" && schema.Named(args, "type") == nil) {
			rp.notInChange()
		}
	case "rename_column":
		rp.emit(schema.Op{Kind: schema.RenameColumn, Table: table, Name: str(1), NewName: str(2), At: at})
	case "change_column":
		c := rp.column(str(1), str(2), args, at)
		ch := schema.Change{Type: &c.Type}
		if schema.Named(args, "null") != nil {
			ch.Nullable = &c.Nullable
		}
		if schema.Named(args, "default") != nil {
			ch.Default = &c.Default
		}
		rp.emit(schema.Op{Kind: schema.AlterColumn, Table: table, Name: str(1), Change: ch, At: at})
		rp.notInChange()
	case "change_column_null":
		if len(pos) >= 3 {
			null := pos[2].Text() == "true"
			rp.emit(schema.Op{Kind: schema.AlterColumn, Table: table, Name: str(1), Change: schema.Change{Nullable: &null}, At: at})
		}
	case "change_column_default":
		var d string
		if to := schema.Named(args, "to"); to != nil {
			d = defaultText(*to)
		} else if len(pos) >= 3 {
			d = defaultText(pos[2])
			rp.notInChange()
		}
		rp.emit(schema.Op{Kind: schema.AlterColumn, Table: table, Name: str(1), Change: schema.Change{Default: &d}, At: at})
	case "add_index":
		if len(pos) >= 2 {
			rp.emit(schema.Op{Kind: schema.AddIndex, Table: table, Index: rp.index(table, pos[1].Names(), args, at), At: at})
		}
	case "remove_index":
		op := schema.Op{Kind: schema.DropIndex, Table: table, At: at}
		if n := schema.Named(args, "name"); n != nil {
			op.Name, _ = n.Name()
		}
		if c := schema.Named(args, "column"); c != nil {
			op.Index.Columns = c.Names()
		} else if len(pos) >= 2 {
			op.Index.Columns = pos[1].Names()
		}
		if op.Name == "" && len(op.Index.Columns) > 0 {
			op.Name = indexName(table, op.Index.Columns)
		}
		if len(op.Index.Columns) == 0 {
			rp.notInChange()
		}
		rp.emit(op)
	case "add_reference", "add_belongs_to":
		for _, op := range rp.reference(table, str(1), args, at, rp.version == 0 || rp.version >= 5.0) {
			rp.emit(op)
		}
	case "remove_reference", "remove_belongs_to":
		ref := str(1)
		rp.emit(schema.Op{Kind: schema.DropColumn, Table: table, Name: ref + "_id", At: at})
		if o := schema.Named(args, "polymorphic"); o != nil && o.Text() == "true" {
			rp.emit(schema.Op{Kind: schema.DropColumn, Table: table, Name: ref + "_type", At: at})
		}
		rp.destroy(at)
	case "add_foreign_key":
		to := str(1)
		fk := facts.ForeignKey{Columns: []string{tableSingular(to) + "_id"}, References: to, RefColumns: []string{"id"}, OnDelete: onDelete(args), At: at}
		if c := schema.Named(args, "column"); c != nil {
			fk.Columns = c.Names()
		}
		if p := schema.Named(args, "primary_key"); p != nil {
			fk.RefColumns = p.Names()
		}
		if n := schema.Named(args, "name"); n != nil {
			fk.Name, _ = n.Name()
		}
		rp.emit(schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
	case "remove_foreign_key":
		op := schema.Op{Kind: schema.DropForeignKey, Table: table, At: at}
		if c := schema.Named(args, "column"); c != nil {
			op.FK.Columns = c.Names()
		} else if to := str(1); to != "" {
			op.FK.Columns = []string{tableSingular(to) + "_id"}
		} else {
			rp.notInChange()
		}
		if n := schema.Named(args, "name"); n != nil {
			op.Name, _ = n.Name()
		}
		rp.emit(op)
	case "add_timestamps":
		for _, c := range timestamps(args, at, rp.version) {
			rp.emit(schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
		}
	case "remove_timestamps":
		rp.emit(schema.Op{Kind: schema.DropColumn, Table: table, Name: "created_at", At: at})
		rp.emit(schema.Op{Kind: schema.DropColumn, Table: table, Name: "updated_at", At: at})
		rp.destroy(at)
	case "execute":
		rp.notInChange()
	}
	return nil
}

// tableCall reads t.<name> inside create_table (into the definition) or
// change_table (as steps).
func (rp *railsParser) tableCall(f *frame, name string, args []schema.Arg, at facts.Location) {
	pos := schema.Positional(args)
	names := func(from int) []string {
		var out []string
		for _, p := range pos[min(from, len(pos)):] {
			out = append(out, p.Names()...)
		}
		return out
	}
	var cols []facts.Column
	var ops []schema.Op
	switch name {
	case "timestamps":
		cols = timestamps(args, at, rp.version)
	case "references", "belongs_to":
		for _, ref := range names(0) {
			ops = append(ops, rp.reference(f.table, ref, args, at, rp.version == 0 || rp.version >= 5.0)...)
		}
	case "index":
		if len(pos) > 0 {
			ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: f.table, Index: rp.index(f.table, pos[0].Names(), args, at), At: at})
		}
	case "foreign_key":
		to := ""
		if len(pos) > 0 {
			to, _ = pos[0].Name()
		}
		fk := facts.ForeignKey{Columns: []string{tableSingular(to) + "_id"}, References: to, RefColumns: []string{"id"}, OnDelete: onDelete(args), At: at}
		if c := schema.Named(args, "column"); c != nil {
			fk.Columns = c.Names()
		}
		ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: f.table, FK: fk, At: at})
	case "column":
		if len(pos) >= 2 {
			n, _ := pos[0].Name()
			t, _ := pos[1].Name()
			cols = append(cols, rp.column(n, t, args, at))
		}
	case "remove":
		if f.kind == "change" {
			for _, c := range names(0) {
				rp.emit(schema.Op{Kind: schema.DropColumn, Table: f.table, Name: c, At: at})
			}
			rp.destroy(at)
			if schema.Named(args, "type") == nil {
				rp.notInChange()
			}
		}
		return
	case "rename":
		if f.kind == "change" && len(pos) >= 2 {
			a, _ := pos[0].Name()
			b, _ := pos[1].Name()
			rp.emit(schema.Op{Kind: schema.RenameColumn, Table: f.table, Name: a, NewName: b, At: at})
		}
		return
	case "change":
		if f.kind == "change" && len(pos) >= 2 {
			a, _ := pos[0].Name()
			t, _ := pos[1].Name()
			c := rp.column(a, t, args, at)
			ch := schema.Change{Type: &c.Type}
			if schema.Named(args, "null") != nil {
				ch.Nullable = &c.Nullable
			}
			rp.emit(schema.Op{Kind: schema.AlterColumn, Table: f.table, Name: a, Change: ch, At: at})
			rp.notInChange()
		}
		return
	case "remove_index":
		if f.kind == "change" && len(pos) > 0 {
			cols := pos[0].Names()
			rp.emit(schema.Op{Kind: schema.DropIndex, Table: f.table, Name: indexName(f.table, cols), Index: facts.Index{Columns: cols}, At: at})
		}
		return
	case "remove_references", "remove_belongs_to":
		if f.kind == "change" {
			for _, ref := range names(0) {
				rp.emit(schema.Op{Kind: schema.DropColumn, Table: f.table, Name: ref + "_id", At: at})
			}
			rp.destroy(at)
		}
		return
	default:
		if railsType(name) == "" {
			return
		}
		for _, n := range names(0) {
			cols = append(cols, rp.column(n, name, args, at))
			ops = append(ops, rp.columnIndexOps(f.table, n, args, at)...)
		}
	}
	if f.kind == "create" && f.def != nil {
		for _, c := range cols {
			addColumn(f.def, c)
			if o := schema.Named(args, "primary_key"); o != nil && o.Text() == "true" {
				f.def.PrimaryKey = []string{c.Name}
			}
		}
		for _, op := range ops {
			switch op.Kind {
			case schema.AddColumn:
				addColumn(f.def, op.Column)
			case schema.AddIndex:
				f.def.Indexes = append(f.def.Indexes, op.Index)
			case schema.AddForeignKey:
				f.def.ForeignKeys = append(f.def.ForeignKeys, op.FK)
			}
		}
		return
	}
	for _, c := range cols {
		rp.emit(schema.Op{Kind: schema.AddColumn, Table: f.table, Column: c, At: at})
	}
	for _, op := range ops {
		rp.emit(op)
	}
}

func addColumn(t *facts.Table, c facts.Column) {
	if old := t.Column(c.Name); old != nil {
		*old = c
		return
	}
	if len(t.Columns) < 500 {
		t.Columns = append(t.Columns, c)
	}
}

// idType is the type of ids and references: integer before Rails 5.1.
func (rp *railsParser) idType() string {
	if rp.version > 0 && rp.version < 5.1 {
		return "integer"
	}
	return "bigint"
}

// implicitID adds the id primary key create_table adds unless told not to.
func (rp *railsParser) implicitID(def *facts.Table, args []schema.Arg, at facts.Location) {
	typ := rp.idType()
	if o := schema.Named(args, "id"); o != nil {
		v := o.Text()
		if v == "false" {
			if pk := schema.Named(args, "primary_key"); pk != nil {
				def.PrimaryKey = pk.Names() // columns the block declares
			}
			return
		}
		if s, ok := o.Name(); ok && o.Val[0].Kind == schema.Symbol {
			typ = railsType(s)
			if typ == "" {
				typ = strings.ToLower(s)
			}
		}
	}
	name := "id"
	if pk := schema.Named(args, "primary_key"); pk != nil {
		names := pk.Names()
		if len(names) > 1 {
			def.PrimaryKey = names
			return
		}
		if len(names) == 1 {
			name = names[0]
		}
	}
	def.Columns = append(def.Columns, facts.Column{Name: name, Type: typ, At: at})
	def.PrimaryKey = []string{name}
}

// opts returns the hash an option holds ({ unique: true }), or nil.
func (rp *railsParser) opts(args []schema.Arg, key string) []schema.Arg {
	o := schema.Named(args, key)
	if o == nil || len(o.Val) == 0 || !o.Val[0].Is("{") {
		return nil
	}
	return schema.Args(rp.toks, rp.m, o.From+1, rp.m[o.From])
}

// column builds a column of Rails type typ from its options.
func (rp *railsParser) column(name, typ string, args []schema.Arg, at facts.Location) facts.Column {
	c := facts.Column{Name: name, Type: columnType(typ, args), Nullable: true, At: at}
	if o := schema.Named(args, "null"); o != nil && o.Text() == "false" {
		c.Nullable = false
	}
	if o := schema.Named(args, "default"); o != nil {
		c.Default = defaultText(*o)
	}
	if o := schema.Named(args, "primary_key"); o != nil && o.Text() == "true" {
		c.Nullable = false
	}
	return c
}

// columnIndex adds the index an add_column's index: option asks for.
func (rp *railsParser) columnIndex(table, col string, args []schema.Arg, at facts.Location) {
	for _, op := range rp.columnIndexOps(table, col, args, at) {
		rp.emit(op)
	}
}

func (rp *railsParser) columnIndexOps(table, col string, args []schema.Arg, at facts.Location) []schema.Op {
	o := schema.Named(args, "index")
	if o == nil || o.Text() == "false" || o.Text() == "nil" {
		return nil
	}
	ix := facts.Index{Name: indexName(table, []string{col}), Columns: []string{col}, At: at}
	if h := rp.opts(args, "index"); h != nil {
		ix = rp.index(table, []string{col}, h, at)
	} else if o.Text() != "true" {
		return nil
	}
	return []schema.Op{{Kind: schema.AddIndex, Table: table, Index: ix, At: at}}
}

// index builds an index from add_index/t.index options.
func (rp *railsParser) index(table string, cols []string, args []schema.Arg, at facts.Location) facts.Index {
	ix := facts.Index{Name: indexName(table, cols), Columns: cols, At: at}
	if u := schema.Named(args, "unique"); u != nil && u.Text() == "true" {
		ix.Unique = true
	}
	if n := schema.Named(args, "name"); n != nil {
		if s, ok := n.Name(); ok {
			ix.Name = s
		}
	}
	return ix
}

// reference is t.references/add_reference: the <ref>_id column (and
// <ref>_type when polymorphic), its index unless index: false, and a
// foreign key when foreign_key: asks for one.
func (rp *railsParser) reference(table, ref string, args []schema.Arg, at facts.Location, indexByDefault bool) []schema.Op {
	if ref == "" {
		return nil
	}
	typ := rp.idType()
	if o := schema.Named(args, "type"); o != nil {
		if s, ok := o.Name(); ok {
			typ = columnType(s, nil)
		}
	}
	idCol := rp.column(ref+"_id", "", args, at)
	idCol.Type, idCol.Default = typ, ""
	var ops []schema.Op
	cols := []string{ref + "_id"}
	if o := schema.Named(args, "polymorphic"); o != nil && o.Text() != "false" {
		// Rails adds <ref>_type before <ref>_id.
		tc := facts.Column{Name: ref + "_type", Type: "varchar", Nullable: idCol.Nullable, At: at}
		ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: tc, At: at})
		cols = []string{ref + "_type", ref + "_id"}
	}
	ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: idCol, At: at})
	ix := facts.Index{Name: indexName(table, cols), Columns: cols, At: at}
	withIndex := indexByDefault
	if o := schema.Named(args, "index"); o != nil {
		switch o.Text() {
		case "false", "nil":
			withIndex = false
		case "true":
			withIndex = true
		default:
			if h := rp.opts(args, "index"); h != nil {
				withIndex = true
				ix = rp.index(table, cols, h, at)
			}
		}
	}
	if withIndex {
		ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
	}
	if o := schema.Named(args, "foreign_key"); o != nil && o.Text() != "false" && o.Text() != "nil" {
		fk := facts.ForeignKey{Columns: []string{ref + "_id"}, References: tablePlural(ref), RefColumns: []string{"id"}, At: at}
		if h := rp.opts(args, "foreign_key"); h != nil {
			if t := schema.Named(h, "to_table"); t != nil {
				fk.References, _ = t.Name()
			}
			if p := schema.Named(h, "primary_key"); p != nil {
				fk.RefColumns = p.Names()
			}
			fk.OnDelete = onDelete(h)
		}
		ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
	}
	return ops
}

// timestamps are created_at and updated_at: NOT NULL since Rails 5.0,
// nullable before unless null: false.
func timestamps(args []schema.Arg, at facts.Location, version float64) []facts.Column {
	null := version > 0 && version < 5.0
	if o := schema.Named(args, "null"); o != nil {
		null = o.Text() == "true"
	}
	return []facts.Column{
		{Name: "created_at", Type: "timestamp", Nullable: null, At: at},
		{Name: "updated_at", Type: "timestamp", Nullable: null, At: at},
	}
}

// onDelete reads on_delete: :cascade/:nullify/:restrict.
func onDelete(args []schema.Arg) string {
	o := schema.Named(args, "on_delete")
	if o == nil {
		return ""
	}
	s, _ := o.Name()
	switch s {
	case "cascade":
		return "cascade"
	case "nullify":
		return "set null"
	case "restrict":
		return "restrict"
	}
	return ""
}

// defaultText is a default as written: a string's content, else the
// expression (false, 0, -> { "now()" } as now()).
func defaultText(a schema.Arg) string {
	if len(a.Val) == 1 && a.Val[0].Kind == schema.String {
		return a.Val[0].Text
	}
	if len(a.Val) > 0 && a.Val[0].Is("->") {
		for _, t := range a.Val {
			if t.Kind == schema.String {
				return t.Text
			}
		}
	}
	return a.Text()
}

// columnType maps a Rails column type and its limit/precision/scale
// options to the schema vocabulary.
func columnType(typ string, args []schema.Arg) string {
	num := func(k string) string {
		if o := schema.Named(args, k); o != nil && len(o.Val) == 1 && o.Val[0].Kind == schema.Number {
			return o.Val[0].Text
		}
		return ""
	}
	switch typ {
	case "string":
		if l := num("limit"); l != "" {
			return "varchar(" + l + ")"
		}
	case "integer":
		switch num("limit") {
		case "8", "5", "6", "7":
			return "bigint"
		case "1", "2":
			return "smallint"
		}
	case "decimal", "numeric":
		p, s := num("precision"), num("scale")
		switch {
		case p != "" && s != "":
			return typ + "(" + p + "," + s + ")"
		case p != "":
			return typ + "(" + p + ",0)"
		}
	}
	if t := railsType(typ); t != "" {
		return t
	}
	return strings.ToLower(typ)
}

// railsType is the vocabulary type of a Rails column type, "" for a name
// that is no column type (t.index, t.check_constraint).
func railsType(t string) string {
	switch t {
	case "string", "citext":
		return "varchar"
	case "text":
		return "text"
	case "integer":
		return "integer"
	case "bigint", "primary_key":
		return "bigint"
	case "float":
		return "float"
	case "decimal":
		return "decimal"
	case "numeric":
		return "numeric"
	case "boolean":
		return "boolean"
	case "datetime", "timestamp":
		return "timestamp"
	case "timestamptz":
		return "timestamptz"
	case "date":
		return "date"
	case "time":
		return "time"
	case "binary":
		return "blob"
	case "json":
		return "json"
	case "jsonb":
		return "jsonb"
	case "uuid":
		return "uuid"
	case "money":
		return "money"
	case "interval":
		return "interval"
	case "serial":
		return "serial"
	case "bigserial":
		return "bigserial"
	case "inet", "cidr", "hstore", "tsvector", "macaddr", "xml", "point", "ltree", "bit", "daterange", "tsrange", "int4range", "virtual":
		return t
	}
	return ""
}

// indexName is Rails' default index name.
func indexName(table string, cols []string) string {
	return "index_" + table + "_on_" + strings.Join(cols, "_and_")
}

// joinTableName is create_join_table's name: the two names in lexical
// order, joined by an underscore.
func joinTableName(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "_" + b
}

var irregular = map[string]string{"person": "people", "man": "men", "woman": "women", "child": "children", "mouse": "mice", "goose": "geese", "foot": "feet", "tooth": "teeth"}

// tablePlural is Active Support's pluralize for the common cases.
func tablePlural(s string) string {
	if p, ok := irregular[s]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// tableSingular undoes tablePlural for the common cases.
func tableSingular(s string) string {
	for k, v := range irregular {
		if v == s {
			return k
		}
	}
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 3:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "zes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s"):
		return s[:len(s)-1]
	}
	return s
}
