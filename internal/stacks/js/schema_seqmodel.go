package js

import (
	"bytes"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// notTypeORM keeps a reader off TypeORM migration classes.
func notTypeORM(read func(scan.File) schema.Result) func(scan.File) schema.Result {
	return func(f scan.File) schema.Result {
		if bytes.Contains(f.Data, []byte("MigrationInterface")) {
			return schema.Result{}
		}
		return read(f)
	}
}

// notSequelize keeps a reader off Sequelize migrations.
func notSequelize(read func(scan.File) schema.Result) func(scan.File) schema.Result {
	return func(f scan.File) schema.Result {
		if bytes.Contains(f.Data, []byte("queryInterface")) {
			return schema.Result{}
		}
		return read(f)
	}
}

// seqModel is one Sequelize model of a file.
type seqModel struct {
	variable, name string
	table          facts.Table
	underscored    bool
}

// readSequelizeModels reads Sequelize models: sequelize.define('User',
// {...}, {...}) and class User extends Model {} with User.init({...}, {
// sequelize, modelName, tableName }). The table is tableName, or the
// model name as is with freezeTableName, or pluralised (User → Users).
// What Sequelize adds: an id integer primary key when no attribute is
// one; createdAt and updatedAt (NOT NULL) unless timestamps: false;
// deletedAt with paranoid; snake_case names with underscored. A
// belongsTo(Target) is a column <Target>Id (or foreignKey) with a
// foreign key to Target's table, ON DELETE SET NULL when nullable (NO
// ACTION otherwise) unless onDelete is given; a hasMany/hasOne whose
// target is in the same file puts that column on the target (ON DELETE
// SET NULL, CASCADE when not nullable); belongsToMany(Target, { through:
// 'Name' }) is a join table with both columns as its primary key. No
// index is added for a foreign key.
func readSequelizeModels(f scan.File) schema.Result {
	if !bytes.Contains(f.Data, []byte("equelize")) {
		return schema.Result{}
	}
	ts := tokenize(source(f))
	var models []*seqModel
	byVar := map[string]*seqModel{}
	type assoc struct {
		kind, source, target string
		opts                 *value
		tok                  int
	}
	var assocs []assoc
	for i := 1; i < len(ts.toks); i++ {
		t := ts.toks[i]
		if t.kind != tIdent || !ts.is(i-1, ".") || !ts.is(i+1, "(") || ts.toks[i+1].match < 0 || i < 2 {
			continue
		}
		recv := ts.toks[i-2]
		switch t.text {
		case "define", "init":
			call, _ := ts.parseValue(i, 0)
			args := call.args
			var name string
			var attrs, opts *value
			if t.text == "define" {
				if len(args) < 2 || args[0].kind != 's' || args[1].kind != 'o' {
					continue
				}
				name, attrs = args[0].str, args[1]
				if len(args) > 2 {
					opts = args[2]
				}
			} else {
				if len(args) < 2 || args[0].kind != 'o' || args[1].kind != 'o' || args[1].get("sequelize") == nil || recv.kind != tIdent {
					continue
				}
				name, attrs, opts = recv.text, args[0], args[1]
				if n := opts.get("modelName").text(); n != "" {
					name = n
				}
			}
			variable := name
			if t.text == "init" {
				variable = recv.text
			} else if j := i - 4; j >= 1 && ts.is(j+1, "=") && ts.toks[j].kind == tIdent {
				variable = ts.toks[j].text // const User = sequelize.define(
			}
			m := seqModelOf(ts, f.Path, name, attrs, opts, ts.at(f.Path, i))
			m.variable = variable
			models = append(models, m)
			byVar[variable] = m
			i = ts.toks[i+1].match
		case "belongsTo", "hasMany", "hasOne", "belongsToMany":
			call, _ := ts.parseValue(i, 0)
			if recv.kind != tIdent || len(call.args) == 0 {
				continue
			}
			a := assoc{kind: t.text, source: recv.text, target: lastSegment(call.args[0].str), tok: i}
			if len(call.args) > 1 {
				a.opts = call.args[1]
			}
			if a.target != "" {
				assocs = append(assocs, a)
			}
		}
	}
	if len(models) == 0 {
		return schema.Result{}
	}
	tableOf := func(v string) string {
		if m, ok := byVar[v]; ok {
			return m.table.Name
		}
		return schema.Plural(v)
	}
	var extra []facts.Table
	for _, a := range assocs {
		src, ok := byVar[a.source]
		if !ok {
			continue
		}
		at := ts.at(f.Path, a.tok)
		switch a.kind {
		case "belongsTo", "hasMany", "hasOne":
			owner, ref, refName := src, tableOf(a.target), a.target
			if a.kind != "belongsTo" {
				tgt, ok := byVar[a.target]
				if !ok {
					continue // the target's file declares its side
				}
				owner, ref, refName = tgt, src.table.Name, src.name
			}
			if as := a.opts.get("as").text(); as != "" && a.kind == "belongsTo" {
				refName = as
			}
			col := refName + "Id"
			if owner.underscored {
				col = schema.Snake(refName) + "_id"
			}
			nullable := true
			fkOpt := a.opts.get("foreignKey")
			if fkOpt != nil && fkOpt.kind == 's' {
				col = fkOpt.str
			} else if fkOpt != nil {
				if n := fkOpt.get("name").text(); n != "" {
					col = n
				}
				if fkOpt.get("allowNull").falsy() {
					nullable = false
				}
			}
			if c := owner.table.Column(col); c != nil {
				nullable = c.Nullable
			} else if len(owner.table.Columns) < 500 {
				owner.table.Columns = append(owner.table.Columns, facts.Column{Name: col, Type: "integer", Nullable: nullable, At: at})
			}
			onDelete := lower(a.opts.get("onDelete").text())
			if onDelete == "" {
				switch {
				case nullable:
					onDelete = "set null"
				case a.kind == "belongsTo":
					onDelete = "no action"
				default:
					onDelete = "cascade"
				}
			}
			owner.table.ForeignKeys = append(owner.table.ForeignKeys, facts.ForeignKey{Columns: []string{col}, References: ref, RefColumns: []string{"id"}, OnDelete: onDelete, At: at})
		case "belongsToMany":
			through := a.opts.get("through")
			name := through.text()
			if through != nil && through.kind == 'e' {
				name = tableOf(lastSegment(through.str))
			}
			// Declared on both sides, the join table is read once: from
			// the side whose model name sorts first.
			if name == "" || src.name > a.target {
				continue
			}
			c1, c2 := src.name+"Id", a.target+"Id"
			if n := a.opts.get("foreignKey").text(); n != "" {
				c1 = n
			}
			if n := a.opts.get("otherKey").text(); n != "" {
				c2 = n
			}
			jt := facts.Table{Name: name, Source: at,
				Columns:    []facts.Column{{Name: c1, Type: "integer", At: at}, {Name: c2, Type: "integer", At: at}},
				PrimaryKey: []string{c1, c2},
				ForeignKeys: []facts.ForeignKey{
					{Columns: []string{c1}, References: src.table.Name, RefColumns: []string{"id"}, OnDelete: "cascade", At: at},
					{Columns: []string{c2}, References: tableOf(a.target), RefColumns: []string{"id"}, OnDelete: "cascade", At: at},
				}}
			extra = append(extra, jt)
		}
	}
	var out []facts.Table
	for _, m := range models {
		out = append(out, m.table)
	}
	return schema.Result{Models: append(out, extra...)}
}

func lower(s string) string { return string(bytes.ToLower([]byte(s))) }

// seqModelOf builds a model's table from its attributes and options.
func seqModelOf(ts *tokens, path, name string, attrs, opts *value, at facts.Location) *seqModel {
	m := &seqModel{name: name, underscored: opts.get("underscored").truthy()}
	table := opts.get("tableName").text()
	if table == "" {
		table = schema.Plural(name)
		if opts.get("freezeTableName").truthy() {
			table = name
		}
	}
	m.table = facts.Table{Name: table, Source: at}
	for k, key := range attrs.keys {
		col := key
		if n := attrs.vals[k].get("field").text(); n != "" {
			col = n
		} else if m.underscored {
			col = schema.Snake(key)
		}
		seqColumn(ts, path, &m.table, col, attrs.vals[k])
	}
	if len(m.table.PrimaryKey) == 0 {
		m.table.Columns = append([]facts.Column{{Name: "id", Type: "serial", At: at}}, m.table.Columns...)
		m.table.PrimaryKey = []string{"id"}
	}
	if !opts.get("timestamps").falsy() {
		for _, stamp := range []string{"createdAt", "updatedAt"} {
			o := opts.get(stamp)
			if o.falsy() {
				continue
			}
			n := stamp
			if o != nil && o.kind == 's' {
				n = o.str
			} else if m.underscored {
				n = schema.Snake(stamp)
			}
			if m.table.Column(n) == nil {
				m.table.Columns = append(m.table.Columns, facts.Column{Name: n, Type: "timestamptz", At: at})
			}
		}
		if opts.get("paranoid").truthy() {
			n := "deletedAt"
			if m.underscored {
				n = "deleted_at"
			}
			m.table.Columns = append(m.table.Columns, facts.Column{Name: n, Type: "timestamptz", Nullable: true, At: at})
		}
	}
	return m
}
