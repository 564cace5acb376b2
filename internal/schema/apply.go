package schema

import (
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Caps keep a hostile repository from growing the facts without bound.
const (
	maxTables  = 1000
	maxColumns = 500
)

// tables is a schema being built: tables by lower-cased name, in the
// order they were created.
type tables struct {
	order []string
	byKey map[string]*facts.Table
}

func newTables() *tables { return &tables{byKey: map[string]*facts.Table{}} }

func key(name string) string { return strings.ToLower(name) }

// get returns the table called name, creating an empty one (sourced at
// at) when a step alters a table no step read created: a table made by a
// migration the reader could not parse, or by the framework.
func (ts *tables) get(name string, at facts.Location) *facts.Table {
	if t, ok := ts.byKey[key(name)]; ok {
		return t
	}
	if len(ts.order) >= maxTables {
		return nil
	}
	t := &facts.Table{Name: name, Source: at, Partial: true}
	ts.byKey[key(name)] = t
	ts.order = append(ts.order, key(name))
	return t
}

func (ts *tables) find(name string) *facts.Table { return ts.byKey[key(name)] }

func (ts *tables) put(t facts.Table) {
	k := key(t.Name)
	if _, ok := ts.byKey[k]; !ok {
		if len(ts.order) >= maxTables {
			return
		}
		ts.order = append(ts.order, k)
	}
	if len(t.Columns) > maxColumns {
		t.Columns = t.Columns[:maxColumns]
	}
	cp := clone(t)
	ts.byKey[k] = &cp
}

func (ts *tables) drop(name string) {
	k := key(name)
	if _, ok := ts.byKey[k]; !ok {
		return
	}
	delete(ts.byKey, k)
	ts.order = slices.DeleteFunc(ts.order, func(s string) bool { return s == k })
}

// list returns the tables in creation order.
func (ts *tables) list() []facts.Table {
	out := make([]facts.Table, 0, len(ts.order))
	for _, k := range ts.order {
		out = append(out, *ts.byKey[k])
	}
	return out
}

// clone copies t's slices so later steps do not write into a reader's
// result.
func clone(t facts.Table) facts.Table {
	t.Columns = slices.Clone(t.Columns)
	t.PrimaryKey = slices.Clone(t.PrimaryKey)
	t.ForeignKeys = slices.Clone(t.ForeignKeys)
	for i := range t.ForeignKeys {
		t.ForeignKeys[i].Columns = slices.Clone(t.ForeignKeys[i].Columns)
		t.ForeignKeys[i].RefColumns = slices.Clone(t.ForeignKeys[i].RefColumns)
	}
	t.Indexes = slices.Clone(t.Indexes)
	for i := range t.Indexes {
		t.Indexes[i].Columns = slices.Clone(t.Indexes[i].Columns)
	}
	return t
}

// Apply applies the migrations' steps in the order given and returns the
// tables they leave, in the order they were created.
func Apply(migs []Migration) []facts.Table {
	ts := newTables()
	models := map[string]string{} // Op.Model → its table now
	for _, m := range migs {
		for _, op := range m.Ops {
			ts.apply(byModel(op, models))
		}
	}
	ts.refPrimaryKeys()
	return ts.list()
}

// byModel puts the table a model has now in place of the one a reader
// guessed for it, and records what the step makes of the model's table.
func byModel(op Op, models map[string]string) Op {
	if op.Model == "" {
		return op
	}
	if op.Kind == CreateTable {
		models[op.Model] = op.Def.Name
		return op
	}
	if t, ok := models[op.Model]; ok {
		op.Table = t
	}
	if op.Kind == RenameTable && op.NewName != "" {
		models[op.Model] = op.NewName
	}
	return op
}

// refPrimaryKeys gives a foreign key that names no referenced columns
// (SQL's REFERENCES users) the referenced table's primary key, which is
// what the database uses.
func (ts *tables) refPrimaryKeys() {
	for _, k := range ts.order {
		for i := range ts.byKey[k].ForeignKeys {
			fk := &ts.byKey[k].ForeignKeys[i]
			if ref := ts.find(fk.References); len(fk.RefColumns) == 0 && ref != nil {
				fk.RefColumns = slices.Clone(ref.PrimaryKey)
			}
		}
	}
}

func (ts *tables) apply(op Op) {
	switch op.Kind {
	case CreateTable:
		def := op.Def
		if def.Source == (facts.Location{}) {
			def.Source = op.At
		}
		ts.put(def)
		return
	case DropTable:
		ts.drop(op.Table)
		return
	case RenameTable:
		ts.renameTable(op.Table, op.NewName)
		return
	case DropIndex:
		if op.Table == "" { // PostgreSQL's DROP INDEX name names no table
			for _, k := range ts.order {
				dropIndex(ts.byKey[k], op)
			}
			return
		}
	}
	t := ts.get(op.Table, op.At)
	if t == nil {
		return
	}
	switch op.Kind {
	case AddColumn:
		c := op.Column
		if c.At == (facts.Location{}) {
			c.At = op.At
		}
		if old := t.Column(c.Name); old != nil {
			*old = c
		} else if len(t.Columns) < maxColumns {
			t.Columns = append(t.Columns, c)
		}
	case DropColumn:
		dropColumn(t, op.Name)
	case RenameColumn:
		renameColumn(t, op.Name, op.NewName)
		for _, k := range ts.order {
			other := ts.byKey[k]
			for i := range other.ForeignKeys {
				fk := &other.ForeignKeys[i]
				if strings.EqualFold(fk.References, t.Name) {
					renameIn(fk.RefColumns, op.Name, op.NewName)
				}
			}
		}
	case AlterColumn:
		c := t.Column(op.Name)
		if c == nil {
			return
		}
		if op.Change.Type != nil {
			c.Type = *op.Change.Type
		}
		if op.Change.Nullable != nil {
			c.Nullable = *op.Change.Nullable
		}
		if op.Change.Default != nil {
			c.Default = *op.Change.Default
		}
		if op.At != (facts.Location{}) {
			c.At = op.At
		}
	case AddIndex:
		ix := op.Index
		if ix.At == (facts.Location{}) {
			ix.At = op.At
		}
		for i, old := range t.Indexes {
			if (ix.Name != "" && strings.EqualFold(old.Name, ix.Name)) || (old.Unique == ix.Unique && sameColumns(old.Columns, ix.Columns)) {
				t.Indexes[i] = ix
				return
			}
		}
		t.Indexes = append(t.Indexes, ix)
	case DropIndex:
		dropIndex(t, op)
	case AddForeignKey:
		fk := op.FK
		if fk.At == (facts.Location{}) {
			fk.At = op.At
		}
		for i, old := range t.ForeignKeys {
			if sameColumns(old.Columns, fk.Columns) {
				t.ForeignKeys[i] = fk
				return
			}
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	case DropForeignKey:
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk facts.ForeignKey) bool {
			if op.Name != "" {
				return strings.EqualFold(fk.Name, op.Name)
			}
			return sameColumns(fk.Columns, op.FK.Columns)
		})
	case SetPrimaryKey:
		t.PrimaryKey = slices.Clone(op.Columns)
	case DropPrimaryKey:
		t.PrimaryKey = nil
	}
}

func (ts *tables) renameTable(from, to string) {
	t := ts.find(from)
	if t == nil || to == "" {
		return
	}
	oldKey, newKey := key(from), key(to)
	t.Name = to
	if oldKey != newKey {
		ts.drop(to) // renaming onto an existing name replaces it
		delete(ts.byKey, oldKey)
		ts.byKey[newKey] = t
		for i, k := range ts.order {
			if k == oldKey {
				ts.order[i] = newKey
			}
		}
	}
	for _, k := range ts.order {
		for i := range ts.byKey[k].ForeignKeys {
			fk := &ts.byKey[k].ForeignKeys[i]
			if strings.EqualFold(fk.References, from) {
				fk.References = to
			}
		}
	}
}

func dropIndex(t *facts.Table, op Op) {
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix facts.Index) bool {
		if op.Name != "" {
			return strings.EqualFold(ix.Name, op.Name)
		}
		return sameColumns(ix.Columns, op.Index.Columns)
	})
}

func dropColumn(t *facts.Table, name string) {
	t.Columns = slices.DeleteFunc(t.Columns, func(c facts.Column) bool { return strings.EqualFold(c.Name, name) })
	if slices.ContainsFunc(t.PrimaryKey, func(c string) bool { return strings.EqualFold(c, name) }) {
		t.PrimaryKey = nil
	}
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix facts.Index) bool { return containsFold(ix.Columns, name) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk facts.ForeignKey) bool { return containsFold(fk.Columns, name) })
}

func renameColumn(t *facts.Table, from, to string) {
	if c := t.Column(from); c != nil {
		c.Name = to
	}
	renameIn(t.PrimaryKey, from, to)
	for i := range t.Indexes {
		renameIn(t.Indexes[i].Columns, from, to)
	}
	for i := range t.ForeignKeys {
		renameIn(t.ForeignKeys[i].Columns, from, to)
	}
}

func renameIn(cols []string, from, to string) {
	for i, c := range cols {
		if strings.EqualFold(c, from) {
			cols[i] = to
		}
	}
}

func containsFold(cols []string, name string) bool {
	return slices.ContainsFunc(cols, func(c string) bool { return strings.EqualFold(c, name) })
}

// sameColumns reports whether a and b name the same columns in the same
// order, ignoring case.
func sameColumns(a, b []string) bool {
	return slices.EqualFunc(a, b, strings.EqualFold)
}
