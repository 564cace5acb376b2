package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readKnex reads a knex migration: the knex.schema calls of exports.up
// (createTable, alterTable/table, dropTable(IfExists), renameTable) and
// the table builder's column and constraint calls. Knex adds nothing
// implicitly beyond what the builder says: increments() is the primary
// key, timestamps() the created_at/updated_at pair, and, unlike Rails or
// Django, no index is created for a foreign key (PostgreSQL does not
// create one either). Columns are nullable unless notNullable().
func readKnex(f scan.File) schema.Result {
	ts := tokenize(source(f))
	up, down, hasUp, hasDown := ts.upDown()
	m := schema.Migration{At: facts.Location{Path: f.Path}, Reversible: ts.reversible(down, hasDown)}
	guarded := false
	for i := range ts.toks {
		if inSpan(down, hasDown, i) || hasUp && !inSpan(up, hasUp, i) {
			continue
		}
		t := ts.toks[i]
		if t.kind != tIdent || !ts.is(i-1, ".") || !ts.is(i+1, "(") {
			if t.kind == tIdent && (t.text == "insert" || t.text == "update" || t.text == "raw") && ts.is(i-1, ".") {
				guarded = true
			}
			continue
		}
		args := ts.toks[i+1].match
		if args < 0 {
			continue
		}
		at := ts.at(f.Path, i)
		name, _ := ts.str(i + 2)
		switch t.text {
		case "createTable", "createTableIfNotExists", "alterTable", "table":
			if t.text == "table" && !ts.is(i-2, "schema") {
				continue
			}
			if name == "" || !ts.is(i+3, ",") {
				continue
			}
			from, to, ok := ts.fnBody(i + 4)
			if !ok || to > args {
				continue
			}
			p := ts.param(i + 4)
			if strings.HasPrefix(t.text, "create") {
				def := facts.Table{Name: name, Source: at}
				var later []schema.Op
				for _, op := range knexBuilder(ts, f.Path, name, p, from, to, true) {
					switch op.Kind {
					case schema.AddColumn:
						def.Columns = append(def.Columns, op.Column)
					case schema.SetPrimaryKey:
						def.PrimaryKey = op.Columns
					case schema.AddIndex:
						def.Indexes = append(def.Indexes, op.Index)
					case schema.AddForeignKey:
						def.ForeignKeys = append(def.ForeignKeys, op.FK)
					default:
						later = append(later, op)
					}
				}
				m.Ops = append(m.Ops, schema.Op{Kind: schema.CreateTable, Table: name, Def: def, At: at})
				m.Ops = append(m.Ops, later...)
			} else {
				for _, op := range knexBuilder(ts, f.Path, name, p, from, to, false) {
					if op.Kind == schema.DropColumn {
						m.Destructive = append(m.Destructive, op.At)
					}
					m.Ops = append(m.Ops, op)
				}
			}
		case "dropTable", "dropTableIfExists":
			if name != "" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.DropTable, Table: name, At: at})
				m.Destructive = append(m.Destructive, at)
			}
		case "renameTable":
			if to, ok := ts.str(i + 4); ok && name != "" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.RenameTable, Table: name, NewName: to, At: at})
			}
		}
	}
	if guarded {
		// The migration copies or rewrites data around its drops.
		m.Destructive = nil
	}
	if len(m.Ops) == 0 && !hasUp {
		return schema.Result{}
	}
	return schema.Result{Migrations: []schema.Migration{m}}
}

// knexColumnTypes maps the table builder's column methods to the schema
// vocabulary; a nil entry takes its type from arguments.
var knexColumnTypes = map[string]string{
	"increments": "serial", "bigIncrements": "bigserial",
	"integer": "integer", "int": "integer", "bigInteger": "bigint", "bigint": "bigint",
	"tinyint": "smallint", "smallint": "smallint", "mediumint": "integer",
	"text": "text", "string": "", "float": "float", "double": "double", "decimal": "",
	"boolean": "boolean", "bool": "boolean", "date": "date", "datetime": "", "timestamp": "",
	"time": "time", "binary": "bytea", "enum": "enum", "enu": "enum", "json": "json", "jsonb": "jsonb",
	"uuid": "uuid", "specificType": "", "geometry": "geometry", "point": "point",
}

// knexBuilder reads the statements of a table builder callback whose
// parameter is p, in the token range [from, to).
func knexBuilder(ts *tokens, path, table, p string, from, to int, create bool) []schema.Op {
	var ops []schema.Op
	for i := from; i < to; i++ {
		if !(ts.toks[i].kind == tIdent && ts.toks[i].text == p && ts.is(i+1, ".") && !ts.is(i-1, ".")) {
			continue
		}
		// A chain p.method(args).method(args)...
		type call struct {
			name string
			args []*value
			tok  int
		}
		var chain []call
		j := i + 1
		for ts.is(j, ".") && j+2 < to && ts.toks[j+1].kind == tIdent && ts.is(j+2, "(") {
			open := j + 2
			end := ts.toks[open].match
			if end < 0 || end > to {
				break
			}
			v, _ := ts.parseValue(j+1, 0)
			chain = append(chain, call{name: ts.toks[j+1].text, args: v.args, tok: j + 1})
			j = end + 1
		}
		if len(chain) == 0 {
			continue
		}
		i = j - 1
		at := ts.at(path, chain[0].tok)
		ops = append(ops, knexStatement(table, chain[0].name, chain[0].args, chainMods(chain[1:], func(c call) (string, []*value) { return c.name, c.args }), at, create)...)
	}
	return ops
}

// mod is one modifier of a column chain: .notNullable(), .references('id').
type mod struct {
	name string
	args []*value
}

func chainMods[T any](cs []T, f func(T) (string, []*value)) []mod {
	out := make([]mod, len(cs))
	for i, c := range cs {
		out[i].name, out[i].args = f(c)
	}
	return out
}

func argStr(args []*value, i int) string {
	if i < len(args) && args[i].kind == 's' {
		return args[i].str
	}
	return ""
}

func argNum(args []*value, i int) string {
	if i < len(args) && args[i].kind == 'n' {
		return args[i].str
	}
	return ""
}

// argCols reads a column list argument: 'a' or ['a', 'b'].
func argCols(args []*value, i int) []string {
	if i >= len(args) {
		return nil
	}
	return valueCols(args[i])
}

func valueCols(v *value) []string {
	switch v.kind {
	case 's':
		return []string{v.str}
	case 'a':
		var cols []string
		for _, it := range v.items {
			if it.kind == 's' {
				cols = append(cols, it.str)
			}
		}
		return cols
	}
	return nil
}

// knexType is the vocabulary type of column method name with args.
func knexType(name string, args []*value) string {
	switch name {
	case "string":
		n := argNum(args, 1)
		if n == "" {
			n = "255"
		}
		return "varchar(" + n + ")"
	case "decimal":
		p, s := argNum(args, 1), argNum(args, 2)
		if p == "" {
			p = "8"
		}
		if s == "" {
			s = "2"
		}
		return "decimal(" + p + "," + s + ")"
	case "datetime", "timestamp":
		if len(args) > 1 && args[1].get("useTz").truthy() {
			return "timestamptz"
		}
		return "timestamp"
	case "specificType":
		return strings.ToLower(argStr(args, 1))
	}
	return knexColumnTypes[name]
}

// knexStatement turns one builder statement into steps.
func knexStatement(table, name string, args []*value, mods []mod, at facts.Location, create bool) []schema.Op {
	col := argStr(args, 0)
	switch name {
	case "timestamps":
		notNull := len(args) > 1 && args[1].truthy()
		names := [2]string{"created_at", "updated_at"}
		if len(args) > 2 && args[2].truthy() {
			names = [2]string{"createdAt", "updatedAt"}
		}
		var ops []schema.Op
		for _, n := range names {
			c := facts.Column{Name: n, Type: "timestamp", Nullable: !notNull, At: at}
			if notNull {
				c.Default = "now()"
			}
			ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
		}
		return ops
	case "primary":
		return []schema.Op{{Kind: schema.SetPrimaryKey, Table: table, Columns: argCols(args, 0), At: at}}
	case "unique", "index":
		cols := argCols(args, 0)
		if len(cols) == 0 {
			return nil
		}
		ix := facts.Index{Columns: cols, Unique: name == "unique", At: at}
		if n := argStr(args, 1); n != "" {
			ix.Name = n
		} else if len(args) > 1 {
			ix.Name = args[1].get("indexName").text()
		}
		return []schema.Op{{Kind: schema.AddIndex, Table: table, Index: ix, At: at}}
	case "foreign":
		fk := facts.ForeignKey{Columns: argCols(args, 0), Name: argStr(args, 1), At: at}
		knexReference(&fk, mods)
		if fk.References == "" || len(fk.Columns) == 0 {
			return nil
		}
		return []schema.Op{{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at}}
	case "dropColumn", "dropColumns":
		var ops []schema.Op
		for k := range args {
			if c := argStr(args, k); c != "" {
				ops = append(ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: c, At: at})
			}
		}
		return ops
	case "renameColumn":
		if to := argStr(args, 1); col != "" && to != "" {
			return []schema.Op{{Kind: schema.RenameColumn, Table: table, Name: col, NewName: to, At: at}}
		}
		return nil
	case "dropForeign":
		return []schema.Op{{Kind: schema.DropForeignKey, Table: table, FK: facts.ForeignKey{Columns: argCols(args, 0)}, Name: argStr(args, 1), At: at}}
	case "dropIndex", "dropUnique":
		return []schema.Op{{Kind: schema.DropIndex, Table: table, Index: facts.Index{Columns: argCols(args, 0)}, Name: argStr(args, 1), At: at}}
	case "dropPrimary":
		return []schema.Op{{Kind: schema.DropPrimaryKey, Table: table, At: at}}
	case "dropTimestamps":
		return []schema.Op{{Kind: schema.DropColumn, Table: table, Name: "created_at", At: at}, {Kind: schema.DropColumn, Table: table, Name: "updated_at", At: at}}
	}
	if _, ok := knexColumnTypes[name]; !ok || col == "" && name != "increments" && name != "bigIncrements" {
		return nil
	}
	if col == "" {
		col = "id"
	}
	c := facts.Column{Name: col, Type: knexType(name, args), Nullable: true, At: at}
	var ops []schema.Op
	pk := name == "increments" || name == "bigIncrements"
	if pk {
		c.Nullable = false
		if len(args) > 1 && args[1].get("primaryKey").falsy() {
			pk = false
		}
	}
	alter := false
	var fk facts.ForeignKey
	for _, md := range mods {
		switch md.name {
		case "notNullable":
			c.Nullable = false
		case "nullable":
			c.Nullable = true
		case "defaultTo":
			if len(md.args) > 0 {
				c.Default = defaultText(md.args[0])
			}
		case "primary":
			pk = true
			c.Nullable = false
		case "unique":
			ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Columns: []string{col}, Unique: true, At: at}, At: at})
		case "index":
			ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Columns: []string{col}, Name: argStr(md.args, 0), At: at}, At: at})
		case "alter":
			alter = true
		}
	}
	fk = facts.ForeignKey{Columns: []string{col}, At: at}
	knexReference(&fk, mods)
	var out []schema.Op
	if alter && !create {
		// alter() re-creates the column's definition: a default it
		// does not repeat is dropped.
		typ, null, def := c.Type, c.Nullable, c.Default
		ch := schema.Change{Type: &typ, Nullable: &null, Default: &def}
		out = append(out, schema.Op{Kind: schema.AlterColumn, Table: table, Name: col, Change: ch, At: at})
	} else {
		out = append(out, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
	}
	if pk {
		out = append(out, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: []string{col}, At: at})
	}
	out = append(out, ops...)
	if fk.References != "" {
		out = append(out, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
	}
	return out
}

// knexReference reads .references('id').inTable('users'),
// .references('users.id') and .onDelete('CASCADE') into fk.
func knexReference(fk *facts.ForeignKey, mods []mod) {
	for _, md := range mods {
		switch md.name {
		case "references":
			ref := argStr(md.args, 0)
			if ref == "" {
				ref = strings.Join(argCols(md.args, 0), ",")
			}
			if tbl, col, ok := strings.Cut(ref, "."); ok {
				fk.References, fk.RefColumns = tbl, []string{col}
			} else if ref != "" {
				fk.RefColumns = strings.Split(ref, ",")
			}
		case "inTable", "on":
			fk.References = argStr(md.args, 0)
		case "onDelete":
			fk.OnDelete = strings.ToLower(argStr(md.args, 0))
		case "withKeyName":
			fk.Name = argStr(md.args, 0)
		}
	}
}

// defaultText writes a default value as the source gives it.
func defaultText(v *value) string {
	switch v.kind {
	case 's':
		return "'" + v.str + "'"
	case 'n':
		return v.str
	case 'f':
		return v.str // default: () => 'CURRENT_TIMESTAMP'
	case 'e':
		if v.call && len(v.args) > 0 && v.args[0].kind == 's' {
			return v.args[0].str // knex.raw('now()'), knex.fn.now() has none
		}
		if strings.HasSuffix(v.str, "fn.now") {
			return "now()"
		}
		return v.str
	}
	return ""
}
