package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readMongoose reads Mongoose schemas registered as models
// (mongoose.model('Post', postSchema)) as collections: named as
// Mongoose names them, the model name lower-cased and pluralised
// (Post → posts) unless a collection is given. What Mongoose adds: an
// _id objectid primary key, createdAt/updatedAt with { timestamps: true }
// (set on every save, so not nullable).
// A path with ref is a foreign key to the referenced model's collection
// (an array of refs too: the column's type is then array); required
// makes a path not nullable; unique: true is a unique index and index:
// true an index; schema.index({...}) adds one.
func readMongoose(f scan.File) schema.Result {
	ts := tokenize(source(f))
	type found struct {
		v        *value
		tok      int
		variable string
	}
	var schemas []found
	models := map[string][2]string{} // schema variable → model name, collection
	inline := map[int][2]string{}    // schema token → model name, collection
	indexes := map[string][]*value{} // schema variable → .index() calls
	for i := 0; i < len(ts.toks); i++ {
		t := ts.toks[i]
		if t.kind != tIdent || !ts.is(i+1, "(") && !ts.is(i+1, "<") {
			continue
		}
		switch {
		case t.text == "Schema" && ts.is(i+1, "(") && (ts.is(i-1, "new") || ts.is(i-1, ".") && ts.is(i-3, "new")):
			v, _ := ts.parseValue(i, 0)
			if len(v.args) == 0 || v.args[0].kind != 'o' {
				continue
			}
			start := i - 1
			if ts.is(i-1, ".") {
				start = i - 3
			}
			s := found{v: v, tok: i}
			if ts.is(start-1, "=") && start-2 >= 0 && ts.toks[start-2].kind == tIdent {
				s.variable = ts.toks[start-2].text
			} else if ts.is(start-1, "=") && ts.is(start-2, ">") { // const x: Schema<IUser> = new Schema(
				for k := start - 3; k >= 0 && k > start-12; k-- {
					if ts.is(k, ":") && k > 0 && ts.toks[k-1].kind == tIdent {
						s.variable = ts.toks[k-1].text
						break
					}
				}
			}
			schemas = append(schemas, s)
		case t.text == "model" && (ts.is(i-1, ".") || i == 0 || !ts.is(i-1, ".")):
			j := i + 1
			if ts.is(j, "<") { // model<IUser>(
				for k := 0; k < 20 && j < len(ts.toks) && !ts.is(j, "("); k++ {
					j++
				}
			}
			if !ts.is(j, "(") || ts.toks[j].match < 0 {
				continue
			}
			name, ok := ts.str(j + 1)
			if !ok || !ts.is(j+2, ",") {
				continue
			}
			coll := ""
			arg := j + 3
			end := ts.skipExpr(arg)
			if ts.is(end, ",") {
				coll, _ = ts.str(end + 1)
			}
			if arg < len(ts.toks) && ts.toks[arg].kind == tIdent && (ts.is(arg+1, ")") || ts.is(arg+1, ",")) {
				models[ts.toks[arg].text] = [2]string{name, coll}
			} else {
				for k := arg; k < end; k++ {
					if ts.toks[k].text == "Schema" {
						inline[k] = [2]string{name, coll}
						break
					}
				}
			}
		case t.text == "index" && ts.is(i-1, ".") && i >= 2 && ts.toks[i-2].kind == tIdent:
			v, _ := ts.parseValue(i, 0)
			v.tok = i
			indexes[ts.toks[i-2].text] = append(indexes[ts.toks[i-2].text], v)
		}
	}
	var out []facts.Table
	for _, s := range schemas {
		mc, ok := models[s.variable]
		if s.variable == "" || !ok {
			mc, ok = inline[s.tok]
		}
		if !ok {
			continue
		}
		opts := (*value)(nil)
		if len(s.v.args) > 1 {
			opts = s.v.args[1]
		}
		name := mc[1]
		if name == "" {
			name = opts.get("collection").text()
		}
		if name == "" {
			name = mongoCollection(mc[0])
		}
		at := ts.at(f.Path, s.tok)
		t := facts.Table{Name: name, Source: at}
		if !opts.get("_id").falsy() {
			t.Columns = append(t.Columns, facts.Column{Name: "_id", Type: "objectid", At: at})
			t.PrimaryKey = []string{"_id"}
		}
		fields := s.v.args[0]
		for k, key := range fields.keys {
			mongoPath(ts, f.Path, &t, key, fields.vals[k])
		}
		if stamps := opts.get("timestamps"); stamps.truthy() || stamps != nil && stamps.kind == 'o' {
			created, updated := "createdAt", "updatedAt"
			if n := stamps.get("createdAt"); n != nil && n.kind == 's' {
				created = n.str
			}
			if n := stamps.get("updatedAt"); n != nil && n.kind == 's' {
				updated = n.str
			}
			t.Columns = append(t.Columns, facts.Column{Name: created, Type: "timestamp", At: at}, facts.Column{Name: updated, Type: "timestamp", At: at})
		}
		for _, ix := range indexes[s.variable] {
			if len(ix.args) == 0 || ix.args[0].kind != 'o' {
				continue
			}
			idx := facts.Index{Columns: ix.args[0].keys, At: ts.at(f.Path, ix.tok)}
			if len(ix.args) > 1 {
				idx.Unique = ix.args[1].get("unique").truthy()
				idx.Name = ix.args[1].get("name").text()
			}
			t.Indexes = append(t.Indexes, idx)
		}
		out = append(out, t)
	}
	return schema.Result{Models: out}
}

// mongoCollection is the collection Mongoose gives a model: lower-cased
// and pluralised.
func mongoCollection(model string) string {
	return schema.Plural(strings.ToLower(model))
}

// mongoPath adds the schema path key, declared by v, to t.
func mongoPath(ts *tokens, path string, t *facts.Table, key string, v *value) {
	if len(t.Columns) >= 500 || key == "_id" {
		return
	}
	at := ts.at(path, v.tok)
	c := facts.Column{Name: key, Nullable: true, At: at}
	opts := v
	array := false
	if v.kind == 'a' {
		array = true
		if len(v.items) == 0 {
			c.Type = "array"
			t.Columns = append(t.Columns, c)
			return
		}
		opts = v.items[0]
	}
	var typ *value
	if opts.kind == 'o' {
		typ = opts.get("type")
		if typ == nil {
			// A nested object: a subdocument.
			c.Type = "object"
			if array {
				c.Type = "array"
			}
			t.Columns = append(t.Columns, c)
			return
		}
	} else {
		typ, opts = opts, nil
	}
	c.Type = mongoType(typ)
	if array {
		c.Type = "array"
	}
	if r := opts.get("required"); r.truthy() || r != nil && r.kind == 'a' && len(r.items) > 0 && r.items[0].truthy() || r != nil && r.kind == 'f' {
		c.Nullable = false
	}
	if d := opts.get("default"); d != nil {
		c.Default = defaultText(d)
	}
	if ix := opts.get("index"); opts.get("unique").truthy() || ix.get("unique").truthy() {
		t.Indexes = append(t.Indexes, facts.Index{Columns: []string{key}, Unique: true, At: at})
	} else if ix.truthy() || ix != nil && ix.kind == 'o' {
		t.Indexes = append(t.Indexes, facts.Index{Columns: []string{key}, At: at})
	}
	if ref := opts.get("ref"); ref != nil && ref.kind == 's' {
		t.ForeignKeys = append(t.ForeignKeys, facts.ForeignKey{Columns: []string{key}, References: mongoCollection(ref.str), RefColumns: []string{"_id"}, At: at})
	}
	t.Columns = append(t.Columns, c)
}

// mongoType maps a SchemaType (String, Schema.Types.ObjectId, 'Number')
// to the vocabulary: Mongo's own types as Mongoose names them.
func mongoType(v *value) string {
	if v == nil {
		return ""
	}
	name := lastSegment(v.str)
	switch strings.ToLower(name) {
	case "objectid":
		return "objectid"
	case "string":
		return "string"
	case "number":
		return "number"
	case "boolean", "bool":
		return "boolean"
	case "date":
		return "timestamp"
	case "buffer":
		return "blob"
	case "mixed", "map", "object":
		return "json"
	case "decimal128", "decimal":
		return "decimal"
	case "uuid":
		return "uuid"
	case "bigint":
		return "bigint"
	case "array":
		return "array"
	}
	if v.kind == 'o' || v.kind == 'a' {
		return "object"
	}
	return strings.ToLower(name)
}
