package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readSequelize reads a Sequelize (sequelize-cli / umzug) migration: the
// queryInterface calls of up (createTable, addColumn, removeColumn,
// renameColumn, changeColumn, addIndex, removeIndex, addConstraint,
// removeConstraint, dropTable, renameTable). Sequelize migrations add
// nothing implicitly: the generated ones spell out id, createdAt and
// updatedAt; columns are nullable unless allowNull: false; a references
// is a foreign key with no index.
func readSequelize(f scan.File) schema.Result {
	ts := tokenize(source(f))
	up, down, hasUp, hasDown := ts.upDown()
	if !hasUp {
		return schema.Result{}
	}
	m := schema.Migration{At: facts.Location{Path: f.Path}, Reversible: ts.reversible(down, hasDown)}
	guarded := false
	for i := up.from; i < up.to; i++ {
		t := ts.toks[i]
		if t.kind != tIdent || !ts.is(i-1, ".") || !ts.is(i+1, "(") || ts.toks[i+1].match < 0 {
			continue
		}
		call, _ := ts.parseValue(i, 0)
		args := call.args
		at := ts.at(f.Path, i)
		table := seqTableName(args, 0)
		switch t.text {
		case "bulkInsert", "bulkUpdate", "query":
			guarded = true
			continue
		}
		if table == "" {
			continue
		}
		switch t.text {
		case "createTable":
			if len(args) < 2 || args[1].kind != 'o' {
				continue
			}
			def := facts.Table{Name: table, Source: at}
			for k, name := range args[1].keys {
				seqColumn(ts, f.Path, &def, name, args[1].vals[k])
			}
			m.Ops = append(m.Ops, schema.Op{Kind: schema.CreateTable, Table: table, Def: def, At: at})
		case "addColumn", "changeColumn":
			col := argStr(args, 1)
			if col == "" || len(args) < 3 {
				continue
			}
			var tmp facts.Table
			seqColumn(ts, f.Path, &tmp, col, args[2])
			if len(tmp.Columns) == 0 {
				continue
			}
			c := tmp.Columns[0]
			if t.text == "addColumn" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
			} else {
				typ, null := c.Type, c.Nullable
				ch := schema.Change{Type: &typ, Nullable: &null}
				if c.Default != "" {
					d := c.Default
					ch.Default = &d
				}
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AlterColumn, Table: table, Name: col, Change: ch, At: at})
			}
			if len(tmp.PrimaryKey) > 0 {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: tmp.PrimaryKey, At: at})
			}
			for _, ix := range tmp.Indexes {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
			}
			for _, fk := range tmp.ForeignKeys {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
			}
		case "removeColumn":
			if col := argStr(args, 1); col != "" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: col, At: at})
				m.Destructive = append(m.Destructive, at)
			}
		case "renameColumn":
			if from, to := argStr(args, 1), argStr(args, 2); from != "" && to != "" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.RenameColumn, Table: table, Name: from, NewName: to, At: at})
			}
		case "dropTable":
			m.Ops = append(m.Ops, schema.Op{Kind: schema.DropTable, Table: table, At: at})
			m.Destructive = append(m.Destructive, at)
		case "renameTable":
			if to := seqTableName(args, 1); to != "" {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.RenameTable, Table: table, NewName: to, At: at})
			}
		case "addIndex":
			ix := facts.Index{At: at}
			var opts *value
			if len(args) > 1 && args[1].kind == 'o' {
				opts = args[1]
				ix.Columns = seqFields(opts.get("fields"))
			} else {
				ix.Columns = argCols(args, 1)
				if len(args) > 2 {
					opts = args[2]
				}
			}
			ix.Unique = opts.get("unique").truthy()
			ix.Name = opts.get("name").text()
			if len(ix.Columns) > 0 {
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
			}
		case "removeIndex":
			op := schema.Op{Kind: schema.DropIndex, Table: table, At: at}
			if len(args) > 1 && args[1].kind == 'a' {
				op.Index.Columns = argCols(args, 1)
			} else {
				op.Name = argStr(args, 1)
			}
			m.Ops = append(m.Ops, op)
		case "addConstraint":
			opts := (*value)(nil)
			var cols []string
			if len(args) > 1 && args[1].kind == 'o' {
				opts = args[1]
				cols = seqFields(opts.get("fields"))
			} else if len(args) > 2 {
				cols, opts = argCols(args, 1), args[2]
			}
			name := opts.get("name").text()
			switch strings.ToLower(opts.get("type").text()) {
			case "unique":
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Name: name, Columns: cols, Unique: true, At: at}, At: at})
			case "primary key":
				m.Ops = append(m.Ops, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: cols, At: at})
			case "foreign key":
				ref := opts.get("references")
				fk := facts.ForeignKey{Name: name, Columns: cols, References: seqRefTable(ref.get("table")), OnDelete: strings.ToLower(opts.get("onDelete").text()), At: at}
				if c := ref.get("field").text(); c != "" {
					fk.RefColumns = []string{c}
				}
				if fk.References != "" && len(cols) > 0 {
					m.Ops = append(m.Ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
				}
			}
		case "removeConstraint":
			if name := argStr(args, 1); name != "" {
				m.Ops = append(m.Ops,
					schema.Op{Kind: schema.DropForeignKey, Table: table, Name: name, At: at},
					schema.Op{Kind: schema.DropIndex, Table: table, Name: name, At: at})
			}
		}
	}
	if guarded {
		m.Destructive = nil
	}
	return schema.Result{Migrations: []schema.Migration{m}}
}

// seqTableName reads a table argument: 'Users' or { tableName: 'Users' }.
func seqTableName(args []*value, i int) string {
	if i >= len(args) {
		return ""
	}
	return seqRefTable(args[i])
}

func seqRefTable(v *value) string {
	if v == nil {
		return ""
	}
	if v.kind == 's' {
		return v.str
	}
	return v.get("tableName").text()
}

// seqFields reads fields: ['a', { attribute: 'b' }, { name: 'c' }].
func seqFields(v *value) []string {
	if v == nil || v.kind != 'a' {
		return nil
	}
	var cols []string
	for _, it := range v.items {
		switch it.kind {
		case 's':
			cols = append(cols, it.str)
		case 'o':
			if n := it.get("attribute").text(); n != "" {
				cols = append(cols, n)
			} else if n := it.get("name").text(); n != "" {
				cols = append(cols, n)
			}
		}
	}
	return cols
}

// seqColumn adds the column name, declared by v ({ type: ..., allowNull,
// primaryKey, unique, defaultValue, references, onDelete } or a bare
// type), to t.
func seqColumn(ts *tokens, path string, t *facts.Table, name string, v *value) {
	if v == nil || len(t.Columns) >= 500 {
		return
	}
	at := ts.at(path, v.tok)
	if v.tok > 0 {
		at = ts.at(path, v.tok-2) // the attribute's name
	}
	typeV := v
	if v.kind == 'o' {
		typeV = v.get("type")
		if typeV == nil {
			return
		}
	}
	c := facts.Column{Name: name, Type: seqType(typeV), Nullable: true, At: at}
	if v.kind != 'o' {
		t.Columns = append(t.Columns, c)
		return
	}
	if v.get("allowNull").falsy() {
		c.Nullable = false
	}
	if d := v.get("defaultValue"); d != nil {
		c.Default = seqDefault(d)
	}
	if v.get("primaryKey").truthy() {
		c.Nullable = false
		t.PrimaryKey = append(t.PrimaryKey, name)
		if v.get("autoIncrement").truthy() {
			switch c.Type {
			case "integer":
				c.Type = "serial"
			case "bigint":
				c.Type = "bigserial"
			}
		}
	}
	if u := v.get("unique"); u.truthy() || u != nil && u.kind == 's' {
		ix := facts.Index{Columns: []string{name}, Unique: true, At: at}
		if u.kind == 's' {
			ix.Name = u.str
		}
		t.Indexes = append(t.Indexes, ix)
	}
	if ref := v.get("references"); ref != nil {
		fk := facts.ForeignKey{Columns: []string{name}, OnDelete: strings.ToLower(v.get("onDelete").text()), At: at}
		model := ref.get("model")
		if model == nil && ref.kind == 's' {
			model = ref
		}
		fk.References = seqRefTable(model)
		if model != nil && model.kind == 'e' && fk.References == "" {
			fk.References = lastSegment(model.str) // a model class: its table name is unknown here
		}
		fk.RefColumns = []string{"id"}
		if k := ref.get("key").text(); k != "" {
			fk.RefColumns = []string{k}
		}
		if fk.References != "" {
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
	t.Columns = append(t.Columns, c)
}

func lastSegment(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// seqType maps a Sequelize DataType (Sequelize.STRING(100),
// DataTypes.DECIMAL(10, 2), 'VARCHAR(20)') to the vocabulary.
func seqType(v *value) string {
	if v.kind == 's' {
		return strings.ToLower(v.str)
	}
	name := lastSegment(v.str)
	args := v.args
	switch strings.ToUpper(name) {
	case "STRING", "CITEXT":
		n := argNum(args, 0)
		if n == "" {
			n = "255"
		}
		if name == "CITEXT" {
			return "citext"
		}
		return "varchar(" + n + ")"
	case "CHAR":
		n := argNum(args, 0)
		if n == "" {
			n = "255"
		}
		return "char(" + n + ")"
	case "TEXT":
		return "text"
	case "INTEGER", "MEDIUMINT":
		return "integer"
	case "BIGINT":
		return "bigint"
	case "SMALLINT", "TINYINT":
		return "smallint"
	case "FLOAT":
		return "float"
	case "REAL":
		return "real"
	case "DOUBLE":
		return "double"
	case "DECIMAL", "NUMERIC":
		p, s := argNum(args, 0), argNum(args, 1)
		if p == "" {
			return "decimal"
		}
		if s == "" {
			s = "0"
		}
		return "decimal(" + p + "," + s + ")"
	case "BOOLEAN":
		return "boolean"
	case "DATE", "NOW":
		return "timestamptz"
	case "DATEONLY":
		return "date"
	case "TIME":
		return "time"
	case "UUID", "UUIDV4", "UUIDV1":
		return "uuid"
	case "JSON":
		return "json"
	case "JSONB":
		return "jsonb"
	case "ENUM":
		return "enum"
	case "ARRAY":
		return "array"
	case "BLOB":
		return "blob"
	}
	return strings.ToLower(name)
}

func seqDefault(v *value) string {
	if v.kind == 'e' && !v.call {
		switch lastSegment(v.str) {
		case "NOW", "fn":
			return "now()"
		}
	}
	if v.kind == 'e' && v.call && strings.HasSuffix(v.str, "fn") && len(v.args) > 0 {
		return strings.ToLower(v.args[0].str) + "()"
	}
	return defaultText(v)
}
