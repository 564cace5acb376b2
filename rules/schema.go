package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// The schema checks review the tables the migrations (or models) declare
// the way an interviewer reads them: indexes behind foreign keys, money
// types, normal form, keys, constraints on what must be there, a way back
// for each migration, models that match the migrations. They are depth
// checks of the database criterion with modest points, so one smell costs
// a good project a point or so, never its grade; and they are left out of
// the scorecard when no schema could be read (Check.Needs).

// noSchema is why a schema check cannot be judged.
const noSchema = "no schema could be read from the migrations or models"

// hasSchema reports whether the facts hold tables to review.
func hasSchema(f *Facts) bool { return len(f.Schema.Tables) > 0 }

// schemaFinding is one thing a schema check found: where, and the names
// its fix steps are filled with.
type schemaFinding struct {
	what string // "orders.customer_id"
	at   Location
	// names fill the fix's placeholders: {table}, {column}, {column2},
	// {ref}, {file}.
	names map[string]string
	// fix is the fix ID of a variant ("database.primary-keys+join") when
	// the check's own steps do not fit this finding.
	fix string
}

// schemaSteps returns a check's fix steps for the project's stack with the
// placeholders filled by names; a placeholder with no name becomes a
// <table>-style blank for the reader to fill.
func schemaSteps(id string, s Stack, names map[string]string) []string {
	steps := Steps{ID: id, Generic: schemaFixes[id]}.For(s)
	out := make([]string, len(steps))
	for i, st := range steps {
		for _, ph := range []string{"table", "column", "column2", "ref", "file"} {
			v, ok := names[ph]
			if !ok {
				v = "<" + ph + ">"
			}
			st = strings.ReplaceAll(st, "{"+ph+"}", v)
		}
		out[i] = st
	}
	return out
}

// maxNamed bounds the findings a message names; the evidence holds them all
// up to maxEvidence.
const (
	maxNamed    = 3
	maxEvidence = 10
)

// failFindings builds the failing result of a schema check: a message
// saying how many and naming the first few with their locations, the
// evidence, and steps filled for the first finding.
func failFindings(f *Facts, id, one, many string, found []schemaFinding) Result {
	var named []string
	var ev []Location
	for i, fd := range found {
		if i < maxNamed {
			w := fd.what
			if fd.at.Path != "" {
				w += " (" + locString(fd.at) + ")"
			}
			named = append(named, w)
		}
		if i < maxEvidence && fd.at.Path != "" {
			ev = append(ev, fd.at)
		}
	}
	msg := countOf(len(found), one, many) + ": " + strings.Join(named, ", ")
	if len(found) > maxNamed {
		msg += fmt.Sprintf(" and %d more", len(found)-maxNamed)
	}
	return Fail(msg, ev...).WithSteps(schemaSteps(cmp.Or(found[0].fix, id), fixStack(f), found[0].names)...)
}

// countOf writes "1 thing" or "3 things".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// locString writes a location as path:line.
func locString(l Location) string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return l.Path
}

// schemaCheck builds one schema check: skipped when no schema was read,
// steps filled with <table>-style blanks when asked for with no finding.
func schemaCheck(id, title, doc string, points float64, run func(f *Facts) Result) *Check {
	return &Check{
		ID: id, Title: title, Doc: doc, Points: points,
		Needs: hasSchema,
		Run: func(f *Facts) Result {
			if !hasSchema(f) {
				return Skip(noSchema)
			}
			return run(f)
		},
		Fix: func(s Stack) []string { return schemaSteps(id, s, nil) },
	}
}

// schemaFixes are the schema checks' generic steps, with placeholders
// (schemaSteps) the packs' steps share.
var schemaFixes = map[string][]string{
	"database.fk-indexes":            {"Add an index on {table}.{column} in a new migration: `CREATE INDEX CONCURRENTLY ix_{table}_{column} ON {table} ({column});`"},
	"database.money-types":           {"Change {table}.{column} to `numeric(12,2)` in a new migration (`ALTER TABLE {table} ALTER COLUMN {column} TYPE numeric(12,2);`), or store integer cents"},
	"database.normalised":            {"Move {table}.{column} into a child table with a foreign key to {table} (one row per value), created in a new migration, and copy the data over"},
	"database.primary-keys":          {"Give {table} a primary key in a new migration: `ALTER TABLE {table} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;`"},
	"database.primary-keys+join":     {"Key the join table {table} on both foreign keys in a new migration: `ALTER TABLE {table} ADD PRIMARY KEY ({column}, {column2});` (or a unique constraint over them when it keeps an id)"},
	"database.constraints":           {"Make {table}.{column} NOT NULL and unique in a new migration: `ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;` and `CREATE UNIQUE INDEX CONCURRENTLY ux_{table}_{column} ON {table} ({column});`"},
	"database.reversible-migrations": {"Write the way back of {file}: a down migration that undoes each step, and copy data a step drops (or rename the column and drop it in a later release)"},
	"database.model-drift":           {"Generate a migration from the models so that {table}.{column} exists in the database, and commit it"},
}

// schemaChecks are the database criterion's depth checks.
func schemaChecks() []*Check {
	return []*Check{
		schemaCheck("database.fk-indexes", "Foreign key columns are indexed",
			"Joining or filtering by a foreign key (orders of a customer) reads the whole child table "+
				"unless an index starts with the key's column, and deleting the parent locks it too. "+
				"PostgreSQL, SQLite and SQL Server do not create that index; MySQL's InnoDB does, so a "+
				"project on MySQL or MariaDB alone passes. An index, unique constraint or primary key "+
				"whose first column is the key's first column counts.",
			1,
			runFKIndexes),
		schemaCheck("database.money-types", "Money is not stored as floating point",
			"A float cannot hold 0.10 exactly, so totals drift by a cent. Prices, amounts, totals, costs, "+
				"balances, fees and salaries belong in decimal/numeric columns (or integer cents: *_cents "+
				"columns pass). Skipped when no column looks like money.",
			0.5,
			runMoneyTypes),
		schemaCheck("database.normalised", "No repeated column groups or lists in a text column",
			"Columns such as phone1, phone2, phone3 (three or more of one name with numbers) and lists "+
				"kept as comma-separated text (tags, categories, *_ids, *_list in a text or varchar column) "+
				"break first normal form: they cannot be indexed, joined or constrained. Address lines are "+
				"left alone, and array or JSON columns are a deliberate choice, not a smell.",
			0.5,
			runNormalised),
		schemaCheck("database.primary-keys", "Every table has a primary key; join tables a composite key",
			"A table without a primary key cannot be updated row by row or replicated safely. A join "+
				"table (exactly two foreign keys, otherwise only an id and timestamps) needs a composite "+
				"primary key or a unique constraint over both keys, or the same pair can be linked twice.",
			1,
			runPrimaryKeys),
		schemaCheck("database.constraints", "Required columns are NOT NULL and emails are unique",
			"The database, not only the API, should refuse a user without an email or two accounts with "+
				"one email. In account tables (users, accounts, members, or any table with a password "+
				"column) email and username must be NOT NULL and unique, and the password NOT NULL unless "+
				"the project signs in with OAuth (a unique index on lower(email) counts); a foreign key column whose key "+
				"cascades on delete (the row belongs to its parent) must be NOT NULL, while a nullable key that "+
				"restricts is an optional link. Tables whose creation was not read are not judged. "+
				"Skipped when no such column exists.",
			0.5,
			runConstraints),
		schemaCheck("database.reversible-migrations", "Migrations can be rolled back without losing data",
			"A migration with no way back (no down, no downgrade) turns a bad deploy into an outage, and "+
				"a dropped table or column loses data however it is rolled back. Judged only where the "+
				"tool has a way back (Alembic, Django, Rails, Laravel, EF Core, Knex, Sequelize, TypeORM, "+
				"golang-migrate and goose down files); Flyway community scripts and plain SQL are skipped.",
			0.5,
			runReversible),
		schemaCheck("database.model-drift", "The models match the migrations",
			"A model field no migration creates fails at the first query in a fresh database: the code "+
				"and the schema drifted. Compared only when the schema was read from migrations (or a "+
				"schema dump) and the models were read too; names are compared case-insensitively without "+
				"underscores, and the id and timestamp columns frameworks add are not required.",
			0.5,
			runModelDrift),
	}
}

// words splits a column name into lower-case words: snake_case,
// camelCase and kebab-case alike ("unitPrice" → unit, price).
func words(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '.':
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// fold is a name compared loosely: lower case, no underscores.
func fold(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "_", "")
}

// indexLeads reports whether some index, unique constraint or the primary
// key of t starts with column.
func indexLeads(t *facts.Table, column string) bool {
	if len(t.PrimaryKey) > 0 && strings.EqualFold(t.PrimaryKey[0], column) {
		return true
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) > 0 && strings.EqualFold(ix.Columns[0], column) {
			return true
		}
	}
	return false
}

// innoDBOnly reports whether the project's persistent relational engines
// are all MySQL or MariaDB, which index foreign keys themselves.
func innoDBOnly(db Database) bool {
	n := 0
	for _, e := range db.Engines {
		if !relationalEngineNames[e] {
			continue
		}
		if e != "mysql" && e != "mariadb" {
			return false
		}
		n++
	}
	return n > 0
}

func fkAt(fk facts.ForeignKey, t *facts.Table) Location {
	if fk.At.Path != "" {
		return fk.At
	}
	if len(fk.Columns) > 0 {
		if c := t.Column(fk.Columns[0]); c != nil && c.At.Path != "" {
			return c.At
		}
	}
	return t.Source
}

func colAt(c *facts.Column, t *facts.Table) Location {
	if c != nil && c.At.Path != "" {
		return c.At
	}
	return t.Source
}

func runFKIndexes(f *Facts) Result {
	var found []schemaFinding
	fks := 0
	for i := range f.Schema.Tables {
		t := &f.Schema.Tables[i]
		if t.Partial {
			continue // its keys and indexes were made where vetfolio did not read
		}
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) == 0 {
				continue
			}
			fks++
			if indexLeads(t, fk.Columns[0]) {
				continue
			}
			found = append(found, schemaFinding{
				what:  t.Name + "." + strings.Join(fk.Columns, ", ") + " → " + fk.References,
				at:    fkAt(fk, t),
				names: map[string]string{"table": t.Name, "column": fk.Columns[0], "ref": fk.References},
			})
		}
	}
	if fks == 0 {
		return Skip("no foreign keys to index")
	}
	if innoDBOnly(f.Database) {
		return Pass(fmt.Sprintf("%s, and MySQL's InnoDB indexes each foreign key column itself", dbPlural(fks, "foreign key")))
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("every foreign key column is indexed (%s)", dbPlural(fks, "foreign key")))
	}
	return failFindings(f, "database.fk-indexes", "foreign key without an index", "foreign keys without an index", found)
}

// floatTypes are the floating-point types of the schema vocabulary.
var floatTypes = map[string]bool{"float": true, "double": true, "real": true, "double precision": true, "float4": true, "float8": true}

// moneyWords name money; notMoneyWords mark a name that is a count, ratio
// or integer cents even when it says price or total.
var (
	moneyWords    = map[string]bool{"price": true, "prices": true, "amount": true, "total": true, "subtotal": true, "cost": true, "balance": true, "fee": true, "fees": true, "salary": true, "wage": true, "revenue": true}
	notMoneyWords = map[string]bool{"cents": true, "count": true, "qty": true, "quantity": true, "percent": true, "percentage": true, "pct": true, "rate": true, "ratio": true, "weight": true, "score": true}
)

// moneyLike reports whether a column name looks like money.
func moneyLike(name string) bool {
	ws := words(name)
	money := false
	for _, w := range ws {
		if notMoneyWords[w] {
			return false
		}
		if moneyWords[w] {
			money = true
		}
	}
	return money
}

// baseType is a column type without its size ("numeric(10,2)" → numeric).
func baseType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if i := strings.IndexByte(t, '('); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return t
}

func runMoneyTypes(f *Facts) Result {
	var found []schemaFinding
	money := 0
	for i := range f.Schema.Tables {
		t := &f.Schema.Tables[i]
		for j := range t.Columns {
			c := &t.Columns[j]
			if !moneyLike(c.Name) {
				continue
			}
			money++
			// Mongoose's Number is a double; Decimal128 is the exact type.
			mongoNumber := f.Schema.Tool == "mongoose" && baseType(c.Type) == "number"
			if floatTypes[baseType(c.Type)] || mongoNumber {
				what := fmt.Sprintf("%s.%s is %s", t.Name, c.Name, c.Type)
				if mongoNumber {
					what += " (a double in MongoDB)"
				}
				found = append(found, schemaFinding{
					what:  what,
					at:    colAt(c, t),
					names: map[string]string{"table": t.Name, "column": c.Name},
				})
			}
		}
	}
	if money == 0 {
		return Skip("no column looks like money")
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("%s stored as decimal or integer", dbPlural(money, "money column")))
	}
	return failFindings(f, "database.money-types", "money column stored as floating point", "money columns stored as floating point", found)
}

// listNames are column names that hold a list; text types are where a
// list kept as text lives.
var listNames = map[string]bool{"tags": true, "categories": true, "keywords": true, "labels": true}

// textType reports whether t is a plain text type.
func textType(t string) bool {
	switch baseType(t) {
	case "text", "varchar", "char", "character varying", "string", "nvarchar", "longtext", "mediumtext", "tinytext", "clob":
		return true
	}
	return false
}

// listLike reports whether a text column's name says it holds a list.
func listLike(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	return listNames[strings.ToLower(name)] || (len(ws) > 1 && (last == "ids" || last == "list"))
}

// repeatStem splits a numbered column ("phone2", "address_3") into its
// stem and number; ok is false for a name with no number or no stem.
func repeatStem(name string) (stem string, ok bool) {
	n := strings.ToLower(name)
	end := len(n)
	for end > 0 && n[end-1] >= '0' && n[end-1] <= '9' {
		end--
	}
	if end == len(n) || end == 0 {
		return "", false
	}
	stem = strings.TrimRight(n[:end], "_-")
	return stem, stem != ""
}

// lineStems are numbered columns that are a layout, not a repeated group:
// address_line_1, address_line_2, address_line_3.
func lineStem(stem string) bool {
	ws := words(stem)
	if len(ws) == 0 {
		return true
	}
	switch ws[len(ws)-1] {
	case "line", "address", "street":
		return true
	}
	return false
}

func runNormalised(f *Facts) Result {
	var found []schemaFinding
	for i := range f.Schema.Tables {
		t := &f.Schema.Tables[i]
		groups := map[string][]*facts.Column{}
		var order []string
		for j := range t.Columns {
			c := &t.Columns[j]
			if stem, ok := repeatStem(c.Name); ok && !lineStem(stem) {
				if groups[stem] == nil {
					order = append(order, stem)
				}
				groups[stem] = append(groups[stem], c)
			}
		}
		for _, stem := range order {
			cols := groups[stem]
			if len(cols) < 3 {
				continue
			}
			names := make([]string, len(cols))
			for k, c := range cols {
				names[k] = c.Name
			}
			found = append(found, schemaFinding{
				what:  fmt.Sprintf("%s repeats %s", t.Name, strings.Join(names, ", ")),
				at:    colAt(cols[0], t),
				names: map[string]string{"table": t.Name, "column": stem},
			})
		}
		for j := range t.Columns {
			c := &t.Columns[j]
			if listLike(c.Name) && textType(c.Type) {
				found = append(found, schemaFinding{
					what:  fmt.Sprintf("%s.%s keeps a list in a %s column", t.Name, c.Name, c.Type),
					at:    colAt(c, t),
					names: map[string]string{"table": t.Name, "column": c.Name},
				})
			}
		}
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("no repeated column groups or text lists in %s", dbPlural(len(f.Schema.Tables), "table")))
	}
	return failFindings(f, "database.normalised", "normalisation smell", "normalisation smells", found)
}

// timestampCol reports whether a column is a timestamp frameworks add.
func timestampCol(name string) bool {
	switch fold(name) {
	case "createdat", "updatedat", "deletedat", "insertedat", "created", "modified", "updated", "createdon", "updatedon":
		return true
	}
	return false
}

// joinTable returns the two foreign key columns of a join table: exactly
// two single-column foreign keys on different columns, and no other
// column but an id and timestamps.
func joinTable(t *facts.Table) (a, b string, ok bool) {
	if len(t.ForeignKeys) != 2 || len(t.ForeignKeys[0].Columns) != 1 || len(t.ForeignKeys[1].Columns) != 1 {
		return "", "", false
	}
	a, b = t.ForeignKeys[0].Columns[0], t.ForeignKeys[1].Columns[0]
	if strings.EqualFold(a, b) {
		return "", "", false
	}
	others := 0
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, a) || strings.EqualFold(c.Name, b) {
			continue
		}
		others++
		if !(strings.EqualFold(c.Name, "id") || slices.ContainsFunc(t.PrimaryKey, func(p string) bool { return strings.EqualFold(p, c.Name) }) || timestampCol(c.Name)) {
			return "", "", false
		}
	}
	return a, b, others <= 3
}

// coversPair reports whether the primary key or a unique index is exactly
// the pair a, b (in either order).
func coversPair(t *facts.Table, a, b string) bool {
	same := func(cols []string) bool {
		return len(cols) == 2 && ((strings.EqualFold(cols[0], a) && strings.EqualFold(cols[1], b)) ||
			(strings.EqualFold(cols[0], b) && strings.EqualFold(cols[1], a)))
	}
	if same(t.PrimaryKey) {
		return true
	}
	for _, ix := range t.Indexes {
		if ix.Unique && same(ix.Columns) {
			return true
		}
	}
	return false
}

func runPrimaryKeys(f *Facts) Result {
	if f.Schema.Tool == "mongoose" {
		return Skip("MongoDB gives every document an _id: there is no key to choose")
	}
	var found []schemaFinding
	joins := 0
	for i := range f.Schema.Tables {
		t := &f.Schema.Tables[i]
		if t.Partial {
			continue // its keys and indexes were made where vetfolio did not read
		}
		a, b, isJoin := joinTable(t)
		if isJoin {
			joins++
		}
		switch {
		case isJoin && !coversPair(t, a, b):
			found = append(found, schemaFinding{
				what:  fmt.Sprintf("join table %s has no primary key or unique constraint over (%s, %s)", t.Name, a, b),
				at:    t.Source,
				names: map[string]string{"table": t.Name, "column": a, "column2": b},
				fix:   "database.primary-keys+join",
			})
		case len(t.PrimaryKey) == 0 && !isJoin:
			found = append(found, schemaFinding{
				what:  t.Name + " has no primary key",
				at:    t.Source,
				names: map[string]string{"table": t.Name},
			})
		}
	}
	if len(found) == 0 {
		msg := fmt.Sprintf("every table has a primary key (%s)", dbPlural(len(f.Schema.Tables), "table"))
		if joins > 0 {
			msg += fmt.Sprintf("; %s keyed on both foreign keys", dbPlural(joins, "join table"))
		}
		return Pass(msg)
	}
	return failFindings(f, "database.primary-keys", "table without the key it needs", "tables without the key they need", found)
}

// accountWords name a table of accounts.
var accountWords = map[string]bool{"user": true, "users": true, "account": true, "accounts": true, "member": true, "members": true}

// passwordCol reports whether a column holds a password (or its hash).
func passwordCol(name string) bool {
	switch fold(name) {
	case "password", "passwordhash", "hashedpassword", "encryptedpassword", "passwd", "passworddigest":
		return true
	}
	return false
}

// accountTable reports whether t holds accounts: named users, accounts or
// members (auth_user too), or with a password column.
func accountTable(t *facts.Table) bool {
	ws := words(t.Name)
	if len(ws) > 0 && accountWords[ws[len(ws)-1]] {
		return true
	}
	return slices.ContainsFunc(t.Columns, func(c facts.Column) bool { return passwordCol(c.Name) })
}

// identityCol reports whether a column names an account: email or username.
func identityCol(name string) bool {
	switch fold(name) {
	case "email", "emailaddress", "username", "login":
		return true
	}
	return false
}

// uniqueOn reports whether the primary key or a unique index includes column.
func uniqueOn(t *facts.Table, column string) bool {
	has := func(cols []string) bool {
		return slices.ContainsFunc(cols, func(c string) bool { return strings.EqualFold(c, column) || foldsColumn(c, column) })
	}
	if len(t.PrimaryKey) > 0 && has(t.PrimaryKey) {
		return true
	}
	for _, ix := range t.Indexes {
		if ix.Unique && has(ix.Columns) {
			return true
		}
	}
	return false
}

// belongsTo reports whether a foreign key says its row belongs to the
// parent: deleting the parent deletes the row.
func belongsTo(fk facts.ForeignKey) bool {
	// Deleted with its parent: the row belongs to it. A nullable key that
	// RESTRICTs is an optional link that blocks deletes (netbox's
	// tenant_id), a design, not a missing constraint.
	return fk.OnDelete == "cascade"
}

// foldsColumn reports whether an index expression is one function of the
// column alone: lower(email), UPPER("email"). A unique index on it keeps
// the column unique (case-insensitively, which suits emails better).
func foldsColumn(expr, column string) bool {
	open := strings.IndexByte(expr, '(')
	if open <= 0 || !strings.HasSuffix(expr, ")") {
		return false
	}
	arg := strings.Trim(strings.TrimSpace(expr[open+1:len(expr)-1]), `"`+"`")
	return strings.EqualFold(arg, column)
}

func runConstraints(f *Facts) Result {
	var found []schemaFinding
	judged := 0
	oauth := f.Auth.Kind == "oauth"
	for i := range f.Schema.Tables {
		t := &f.Schema.Tables[i]
		if t.Partial {
			continue // its keys and indexes were made where vetfolio did not read
		}
		if accountTable(t) {
			for j := range t.Columns {
				c := &t.Columns[j]
				names := map[string]string{"table": t.Name, "column": c.Name}
				switch {
				case identityCol(c.Name):
					judged++
					var miss []string
					if c.Nullable {
						miss = append(miss, "nullable")
					}
					if !uniqueOn(t, c.Name) {
						miss = append(miss, "not unique")
					}
					if len(miss) > 0 {
						found = append(found, schemaFinding{what: fmt.Sprintf("%s.%s is %s", t.Name, c.Name, strings.Join(miss, " and ")), at: colAt(c, t), names: names})
					}
				case passwordCol(c.Name) && !oauth:
					judged++
					if c.Nullable {
						found = append(found, schemaFinding{what: fmt.Sprintf("%s.%s is nullable", t.Name, c.Name), at: colAt(c, t), names: names})
					}
				}
			}
		}
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) != 1 || !belongsTo(fk) {
				continue
			}
			c := t.Column(fk.Columns[0])
			if c == nil {
				continue
			}
			judged++
			if c.Nullable {
				found = append(found, schemaFinding{
					what:  fmt.Sprintf("%s.%s is nullable though its key to %s is ON DELETE %s", t.Name, c.Name, fk.References, strings.ToUpper(fk.OnDelete)),
					at:    colAt(c, t),
					names: map[string]string{"table": t.Name, "column": c.Name, "ref": fk.References},
				})
			}
		}
	}
	if judged == 0 {
		return Skip("no email, username, password or owned foreign key column to judge")
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("%s NOT NULL, emails and usernames unique", dbPlural(judged, "required column")))
	}
	return failFindings(f, "database.constraints", "missing constraint", "missing constraints", found)
}

func runReversible(f *Facts) Result {
	var found []schemaFinding
	judged := 0
	for _, m := range f.Schema.Migrations {
		if m.Reversible == "" {
			continue
		}
		judged++
		names := map[string]string{"file": m.At.Path}
		if m.Reversible == "no" {
			found = append(found, schemaFinding{what: m.At.Path + " has no way back", at: m.At, names: names})
		}
		for _, d := range m.Destructive {
			found = append(found, schemaFinding{what: m.At.Path + " drops data", at: d, names: names})
		}
	}
	if judged == 0 {
		if len(f.Schema.Migrations) == 0 {
			return Skip("no migrations read")
		}
		return Skip(f.Schema.Tool + " migrations have no way back to judge")
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("%s with a way back and no dropped data", dbPlural(judged, "migration")))
	}
	return failFindings(f, "database.reversible-migrations", "migration step with no safe way back", "migration steps with no safe way back", found)
}

// implicitCol reports whether a column is one the framework adds to a
// model by itself (id, timestamps), which a migration may spell otherwise.
func implicitCol(name string) bool { return strings.EqualFold(name, "id") || timestampCol(name) }

func runModelDrift(f *Facts) Result {
	s := f.Schema
	if (s.Source != "migrations" && s.Source != "snapshot") || len(s.Models) == 0 {
		return Skip("the models are the only schema read: nothing to compare them with")
	}
	byName := map[string]*facts.Table{}
	for i := range s.Tables {
		byName[fold(s.Tables[i].Name)] = &s.Tables[i]
	}
	var found []schemaFinding
	for i := range s.Models {
		m := &s.Models[i]
		t := byName[fold(m.Name)]
		if t != nil && t.Partial {
			continue // its creation was not read: what it lacks is unknown
		}
		if t == nil {
			found = append(found, schemaFinding{what: "model table " + m.Name + " no migration creates", at: m.Source,
				names: map[string]string{"table": m.Name, "column": "*"}})
			continue
		}
		have := map[string]bool{}
		for _, c := range t.Columns {
			have[fold(c.Name)] = true
		}
		for j := range m.Columns {
			c := &m.Columns[j]
			if have[fold(c.Name)] || implicitCol(c.Name) {
				continue
			}
			found = append(found, schemaFinding{what: fmt.Sprintf("model column %s.%s no migration creates", m.Name, c.Name), at: colAt(c, m),
				names: map[string]string{"table": m.Name, "column": c.Name}})
		}
	}
	if len(found) == 0 {
		return Pass(fmt.Sprintf("%s match the %s", dbPlural(len(s.Models), "model"), s.Source))
	}
	return failFindings(f, "database.model-drift", "model field no migration creates", "model fields no migration creates", found)
}
