package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readSQL parses the SQL a TypeORM migration runs (schema.ReadSQL); a
// variable so the reader's string extraction is tested on its own.
var readSQL = schema.ReadSQL

// readTypeORMMigration reads a TypeORM migration class: the SQL of the
// queryRunner.query calls in up(), parsed as the database would see it,
// and the schema builder calls (createTable(new Table({...})), addColumn,
// createForeignKey, createIndex, dropTable, dropColumn, renameColumn).
// Reversible is yes when down() does something.
func readTypeORMMigration(f scan.File) schema.Result {
	src := source(f)
	ts := tokenize(src)
	up, down, hasUp, hasDown := ts.upDown()
	if !hasUp {
		return schema.Result{}
	}
	m := schema.Migration{At: facts.Location{Path: f.Path}, Reversible: ts.reversible(down, hasDown)}
	sql := typeormSQL(ts, up)
	var ops []schema.Op
	if sql != nil {
		// The SQL sits at its offsets in the file: line 1 is the file's.
		read := readSQL(f.Path, 1, sql)
		ops = read.Ops
		m.Destructive = read.Destructive
	}
	built := typeormBuilder(ts, f.Path, up)
	for _, op := range built {
		if op.Kind == schema.DropTable || op.Kind == schema.DropColumn {
			m.Destructive = append(m.Destructive, op.At)
		}
	}
	ops = append(ops, built...)
	// The SQL and the builder calls are read apart: put the steps back
	// in the order of their lines.
	sortOpsByLine(ops)
	m.Ops = ops
	return schema.Result{Migrations: []schema.Migration{m}}
}

// sortOpsByLine is a stable insertion sort by line: the steps of one
// migration are few.
func sortOpsByLine(ops []schema.Op) {
	for i := 1; i < len(ops) && len(ops) < 2000; i++ {
		for j := i; j > 0 && ops[j].At.Line < ops[j-1].At.Line; j-- {
			ops[j], ops[j-1] = ops[j-1], ops[j]
		}
	}
}

// typeormSQL returns the SQL of the query() calls in the up span laid out
// at the offsets it has in the file, everything else blanked (newlines
// kept), each statement ended by a semicolon where its literal closes:
// the SQL parser's line numbers are then the migration file's.
func typeormSQL(ts *tokens, up span) []byte {
	var out []byte
	for i := up.from; i < up.to; i++ {
		if !(ts.toks[i].kind == tIdent && ts.toks[i].text == "query" && ts.is(i-1, ".") && ts.is(i+1, "(")) {
			continue
		}
		close := ts.toks[i+1].match
		if close < 0 {
			continue
		}
		last := -1
		for j := i + 2; j < close && !ts.is(j, ","); j++ {
			t := ts.toks[j]
			switch {
			case t.kind == tString || t.kind == tTmpl:
				if out == nil {
					out = blankCopy(ts.src)
				}
				copySQL(out, ts.src, t)
				last = j
			case ts.is(j, "+"):
			default:
				// A variable or call in the SQL: keep what is literal.
				if m := t.match; m > j && m < close {
					j = m
				}
			}
		}
		if last >= 0 {
			out[ts.toks[last].end-1] = ';'
		}
		i = close
	}
	return out
}

// blankCopy returns src with every byte but newlines made a space.
func blankCopy(src []byte) []byte {
	out := make([]byte, len(src))
	for i, c := range src {
		if c == '\n' {
			out[i] = '\n'
		} else {
			out[i] = ' '
		}
	}
	return out
}

// copySQL copies the content of the literal t into out at its offsets.
// A quoted string (one line) is written unescaped from its start and
// padded; a template keeps its line breaks, its escapes become the
// character, and its interpolations ${...} are blanked.
func copySQL(out, src []byte, t token) {
	end := t.end - 1
	if end <= t.off || end > len(src) {
		end = t.end
	}
	if t.kind == tString {
		k := t.off + 1
		for _, c := range []byte(t.text) {
			if k >= end {
				break
			}
			if c == '\n' || c == '\r' {
				c = ' '
			}
			out[k] = c
			k++
		}
		return
	}
	for k := t.off + 1; k < end; k++ {
		c := src[k]
		switch {
		case c == '\\' && k+1 < end:
			if n := src[k+1]; n != 'n' && n != 't' && n != 'r' && n != '\n' {
				out[k] = n
			}
			k++
		case c == '$' && k+1 < end && src[k+1] == '{':
			for k < end && src[k] != '}' {
				k++
			}
		default:
			out[k] = c
		}
	}
}

// typeormBuilder reads the queryRunner schema builder calls in the up
// span.
func typeormBuilder(ts *tokens, path string, up span) []schema.Op {
	var ops []schema.Op
	for i := up.from; i < up.to; i++ {
		t := ts.toks[i]
		if t.kind != tIdent || !ts.is(i-1, ".") || !ts.is(i+1, "(") || ts.toks[i+1].match < 0 {
			continue
		}
		switch t.text {
		case "createTable", "addColumn", "addColumns", "createForeignKey", "createForeignKeys", "createIndex", "createUniqueConstraint",
			"dropTable", "dropColumn", "renameColumn", "renameTable", "changeColumn", "dropForeignKey", "dropIndex", "createPrimaryKey":
		default:
			continue
		}
		call, _ := ts.parseValue(i, 0)
		at := ts.at(path, i)
		args := call.args
		tableArg := func(k int) string {
			if k >= len(args) {
				return ""
			}
			if args[k].kind == 's' {
				return args[k].str
			}
			if args[k].call && len(args[k].args) > 0 { // new Table({ name })
				return args[k].args[0].get("name").text()
			}
			return ""
		}
		inner := func(k int) *value { // new TableColumn({...}) or {...}
			if k >= len(args) {
				return nil
			}
			if args[k].kind == 'o' {
				return args[k]
			}
			if args[k].call && len(args[k].args) > 0 {
				return args[k].args[0]
			}
			return nil
		}
		table := tableArg(0)
		if table == "" {
			continue
		}
		switch t.text {
		case "createTable":
			def := typeormTable(ts, path, inner(0), at)
			if def.Name != "" {
				ops = append(ops, schema.Op{Kind: schema.CreateTable, Table: def.Name, Def: def, At: at})
			}
		case "addColumn", "changeColumn":
			k := 1
			if t.text == "changeColumn" {
				k = 2
			}
			var tmp facts.Table
			typeormTableColumn(ts, path, &tmp, inner(k))
			if len(tmp.Columns) == 0 {
				continue
			}
			c := tmp.Columns[0]
			if t.text == "addColumn" {
				ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
			} else {
				typ, null := c.Type, c.Nullable
				name := argStr(args, 1)
				if name == "" {
					name = c.Name
				}
				ops = append(ops, schema.Op{Kind: schema.AlterColumn, Table: table, Name: name, Change: schema.Change{Type: &typ, Nullable: &null}, At: at})
			}
			for _, ix := range tmp.Indexes {
				ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
			}
		case "addColumns":
			if len(args) > 1 && args[1].kind == 'a' {
				for _, it := range args[1].items {
					v := it
					if it.call && len(it.args) > 0 {
						v = it.args[0]
					}
					var tmp facts.Table
					typeormTableColumn(ts, path, &tmp, v)
					for _, c := range tmp.Columns {
						ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
					}
				}
			}
		case "createForeignKey":
			if fk, ok := typeormFK(inner(1), at); ok {
				ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
			}
		case "createForeignKeys":
			if len(args) > 1 && args[1].kind == 'a' {
				for _, it := range args[1].items {
					v := it
					if it.call && len(it.args) > 0 {
						v = it.args[0]
					}
					if fk, ok := typeormFK(v, at); ok {
						ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
					}
				}
			}
		case "createIndex", "createUniqueConstraint":
			v := inner(1)
			ix := facts.Index{Name: v.get("name").text(), Columns: valueColsOrNil(v.get("columnNames")), Unique: t.text == "createUniqueConstraint" || v.get("isUnique").truthy(), At: at}
			if len(ix.Columns) > 0 {
				ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
			}
		case "createPrimaryKey":
			if cols := argCols(args, 1); len(cols) > 0 {
				ops = append(ops, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: cols, At: at})
			}
		case "dropTable":
			ops = append(ops, schema.Op{Kind: schema.DropTable, Table: table, At: at})
		case "dropColumn":
			if c := argStr(args, 1); c != "" {
				ops = append(ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: c, At: at})
			}
		case "renameColumn":
			if from, to := argStr(args, 1), argStr(args, 2); from != "" && to != "" {
				ops = append(ops, schema.Op{Kind: schema.RenameColumn, Table: table, Name: from, NewName: to, At: at})
			}
		case "renameTable":
			if to := argStr(args, 1); to != "" {
				ops = append(ops, schema.Op{Kind: schema.RenameTable, Table: table, NewName: to, At: at})
			}
		case "dropForeignKey":
			if n := argStr(args, 1); n != "" {
				ops = append(ops, schema.Op{Kind: schema.DropForeignKey, Table: table, Name: n, At: at})
			}
		case "dropIndex":
			if n := argStr(args, 1); n != "" {
				ops = append(ops, schema.Op{Kind: schema.DropIndex, Table: table, Name: n, At: at})
			}
		}
	}
	return ops
}

func valueColsOrNil(v *value) []string {
	if v == nil {
		return nil
	}
	return valueCols(v)
}

// typeormTable reads new Table({ name, columns: [...], foreignKeys,
// indices, uniques }).
func typeormTable(ts *tokens, path string, v *value, at facts.Location) facts.Table {
	def := facts.Table{Name: v.get("name").text(), Source: at}
	if cols := v.get("columns"); cols != nil && cols.kind == 'a' {
		for _, c := range cols.items {
			if c.call && len(c.args) > 0 {
				c = c.args[0]
			}
			typeormTableColumn(ts, path, &def, c)
		}
	}
	if fks := v.get("foreignKeys"); fks != nil && fks.kind == 'a' {
		for _, it := range fks.items {
			if it.call && len(it.args) > 0 {
				it = it.args[0]
			}
			if fk, ok := typeormFK(it, ts.at(path, it.tok)); ok {
				def.ForeignKeys = append(def.ForeignKeys, fk)
			}
		}
	}
	for _, key := range []string{"indices", "uniques"} {
		if ixs := v.get(key); ixs != nil && ixs.kind == 'a' {
			for _, it := range ixs.items {
				if it.call && len(it.args) > 0 {
					it = it.args[0]
				}
				ix := facts.Index{Name: it.get("name").text(), Columns: valueColsOrNil(it.get("columnNames")), Unique: key == "uniques" || it.get("isUnique").truthy(), At: ts.at(path, it.tok)}
				if len(ix.Columns) > 0 {
					def.Indexes = append(def.Indexes, ix)
				}
			}
		}
	}
	return def
}

// typeormTableColumn reads a TableColumn option object: { name, type,
// length, precision, scale, isPrimary, isGenerated, isNullable, isUnique,
// default }.
func typeormTableColumn(ts *tokens, path string, t *facts.Table, v *value) {
	name := v.get("name").text()
	if name == "" || len(t.Columns) >= 500 {
		return
	}
	at := ts.at(path, v.tok)
	typ := typeormType(v.get("type").text(), v.get("length").text(), v.get("precision").text(), v.get("scale").text())
	if v.get("isGenerated").truthy() && v.get("generationStrategy").text() != "uuid" {
		switch typ {
		case "integer":
			typ = "serial"
		case "bigint":
			typ = "bigserial"
		}
	}
	c := facts.Column{Name: name, Type: typ, Nullable: v.get("isNullable").truthy(), At: at}
	if d := v.get("default"); d != nil {
		c.Default = defaultText(d)
	}
	if v.get("isPrimary").truthy() {
		c.Nullable = false
		t.PrimaryKey = append(t.PrimaryKey, name)
	}
	if v.get("isUnique").truthy() {
		t.Indexes = append(t.Indexes, facts.Index{Columns: []string{name}, Unique: true, At: at})
	}
	t.Columns = append(t.Columns, c)
}

// typeormFK reads a TableForeignKey option object.
func typeormFK(v *value, at facts.Location) (facts.ForeignKey, bool) {
	fk := facts.ForeignKey{
		Name:       v.get("name").text(),
		Columns:    valueColsOrNil(v.get("columnNames")),
		References: v.get("referencedTableName").text(),
		RefColumns: valueColsOrNil(v.get("referencedColumnNames")),
		OnDelete:   strings.ToLower(v.get("onDelete").text()),
		At:         at,
	}
	return fk, fk.References != "" && len(fk.Columns) > 0
}

// typeormType maps a TypeORM column type (as @Column or TableColumn
// write it) to the vocabulary.
func typeormType(typ, length, precision, scale string) string {
	t := strings.ToLower(strings.TrimSpace(typ))
	switch t {
	case "varchar", "character varying", "string", "nvarchar":
		if length != "" {
			return "varchar(" + length + ")"
		}
		return "varchar"
	case "char", "character", "nchar":
		if length != "" {
			return "char(" + length + ")"
		}
		return "char"
	case "int", "int4", "integer", "mediumint":
		return "integer"
	case "int8", "bigint":
		return "bigint"
	case "int2", "smallint", "tinyint":
		return "smallint"
	case "float4", "real":
		return "real"
	case "float8", "double", "double precision":
		return "double"
	case "decimal", "numeric", "dec":
		if precision != "" {
			if scale == "" {
				scale = "0"
			}
			return t + "(" + precision + "," + scale + ")"
		}
		return t
	case "bool", "boolean":
		return "boolean"
	case "datetime", "timestamp", "timestamp without time zone":
		return "timestamp"
	case "timestamptz", "timestamp with time zone":
		return "timestamptz"
	case "simple-array", "simple-json", "longtext", "mediumtext", "tinytext":
		return "text"
	case "bytea", "blob", "longblob", "binary", "varbinary":
		if t == "bytea" {
			return "bytea"
		}
		return "blob"
	}
	return t
}
