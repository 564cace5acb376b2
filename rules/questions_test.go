package rules

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func questionKinds(qs []Question) string {
	var ks []string
	for _, q := range qs {
		ks = append(ks, q.Kind)
	}
	return strings.Join(ks, ",")
}

func TestQuestionsNoneWithoutASchema(t *testing.T) {
	if qs := Questions(schemaFacts(facts.Schema{})); qs != nil {
		t.Errorf("questions with no schema: %v", qs)
	}
	if qs := Questions(nil); qs != nil {
		t.Errorf("questions with no facts: %v", qs)
	}
}

// A sound schema still invites the usual questions: the index behind a
// nested route, what a delete does, a change without downtime.
func TestQuestionsOnASoundSchema(t *testing.T) {
	f := schemaFacts(shopSchema())
	f.Routes.List = []string{"GET /api/customers/{customer_id}/orders", "DELETE /api/customers/{customer_id}", "GET /api/products"}
	qs := Questions(f)
	if got := questionKinds(qs); got != "delete,index,change" {
		t.Fatalf("kinds %q, want delete,index,change: %+v", got, qs)
	}
	del, idx, chg := qs[0], qs[1], qs[2]
	if del.Question != "What happens to a customer's orders when the customer is deleted?" || del.About != "orders.customer_id" ||
		!strings.Contains(del.Note, "ON DELETE CASCADE") || !hasLoc(del.Evidence, "migrations/001_init.sql", 10) {
		t.Errorf("delete question %+v", del)
	}
	if idx.Question != "Which index serves `GET /api/customers/{customer_id}/orders`?" || !strings.Contains(idx.Note, "ix_orders_customer_id on (customer_id, created_at)") ||
		!hasLoc(idx.Evidence, "migrations/001_init.sql", 15) {
		t.Errorf("index question %+v", idx)
	}
	if chg.Question != "How would you add a column to `customers` without downtime?" { // customers and orders are referred to once each: the first wins
		t.Errorf("change question %+v", chg)
	}
}

// Smells come first, one question of each kind, at most four.
func TestQuestionsRankSmellsFirst(t *testing.T) {
	s := shopSchema()
	s.Tables[1].Indexes = nil              // orders.customer_id unindexed
	s.Tables[1].Columns[2].Type = "float"  // orders.total
	s.Tables[2].Columns[2].Type = "double" // products.unitPrice: a second float, same kind
	s.Tables[0].Indexes = nil              // customers.email not unique
	s.Tables[3].PrimaryKey = nil           // join table with no key
	f := schemaFacts(s)
	f.Routes.List = []string{"GET /customers/:id/orders"}
	qs := Questions(f)
	if got := questionKinds(qs); got != "index,types,constraint,keys" {
		t.Fatalf("kinds %q: %+v", got, qs)
	}
	if qs[0].Question != "Which index serves `GET /customers/:id/orders`? `orders.customer_id` has none." {
		t.Errorf("first question %q", qs[0].Question)
	}
	if qs[1].Question != "Why is `orders.total` a float?" || !hasLoc(qs[1].Evidence, "migrations/001_init.sql", 11) {
		t.Errorf("types question %+v", qs[1])
	}
	if qs[2].Question != "Why is `customers.email` not unique?" {
		t.Errorf("constraint question %q", qs[2].Question)
	}
	if qs[3].Question != "What stops the same (order_id, product_id) pair being stored twice in `order_products`?" {
		t.Errorf("keys question %q", qs[3].Question)
	}
	// Deterministic: the same facts ask the same questions.
	if again := Questions(f); questionKinds(again) != questionKinds(qs) || again[0].Question != qs[0].Question {
		t.Error("questions differ between two runs")
	}
	// Without the nested route the unindexed key is asked about by the list route...
	f.Routes.List = []string{"GET /orders"}
	if q := Questions(f)[0]; q.Question != "Which index serves `GET /orders?customer_id=…`? `orders.customer_id` has none." {
		t.Errorf("list-route question %q", q.Question)
	}
	// With no route, the question asks how the rows are found, in the
	// terms of the project's database.
	f.Routes.List = nil
	if q := questionOf(Questions(f), "index"); q.Question != "How does the database find the orders of one customer? `orders.customer_id` has no index." || !strings.Contains(q.Note, "PostgreSQL") {
		t.Errorf("route-less index question %+v", q)
	}
	f.Database = Database{Engines: []string{"mongodb"}}
	if q := questionOf(Questions(f), "index"); !strings.Contains(q.Note, "MongoDB does not index a reference") {
		t.Errorf("MongoDB index question %+v", q)
	}
	// ...and on MySQL the key is indexed, so the float leads.
	f.Database.Engines = []string{"mysql"}
	if q := Questions(f)[0]; q.Kind != "types" {
		t.Errorf("MySQL first question %+v", q)
	}
}

func TestQuestionsInTheScorecard(t *testing.T) {
	s := shopSchema()
	s.Tables[1].Columns[2].Type = "float"
	sc := Score(schemaFacts(s), mustProfile(t, "saas"))
	if len(sc.Questions) == 0 || sc.Questions[0].Kind != "types" {
		t.Errorf("scorecard questions %+v", sc.Questions)
	}
	if sc := Score(schemaFacts(facts.Schema{}), mustProfile(t, "saas")); sc.Questions != nil {
		t.Errorf("questions with no schema: %+v", sc.Questions)
	}
}

// "an event", and no ALTER TABLE question for MongoDB collections.
func TestQuestionsReadWell(t *testing.T) {
	s := facts.Schema{Source: "migrations", Tables: []facts.Table{
		{Name: "events", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 1)}},
		{Name: "tickets", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 5), col("event_id", "integer", false, 6)},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"event_id"}, References: "events", OnDelete: "cascade", At: at("m.sql", 6)}},
			Indexes:     []facts.Index{{Columns: []string{"event_id"}}}},
	}}
	f := schemaFacts(s)
	if q := questionOf(Questions(f), "delete"); q.Question != "What happens to an event's tickets when the event is deleted?" {
		t.Errorf("delete question %q", q.Question)
	}
	models := facts.Schema{Source: "migrations", Tables: []facts.Table{
		{Name: "Event", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 1)}},
		{Name: "TicketOrder", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 5), col("eventId", "integer", false, 6)},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"eventId"}, References: "Event", OnDelete: "cascade", At: at("m.sql", 6)}}},
	}}
	if q := questionOf(Questions(schemaFacts(models)), "delete"); q.Question != "What happens to an event's ticket orders when the event is deleted?" {
		t.Errorf("delete question on model names %q", q.Question)
	}
	if q := questionOf(Questions(f), "change"); q.About != "events" {
		t.Errorf("change question %+v", q)
	}
	s.Tool = "mongoose"
	if q := questionOf(Questions(schemaFacts(s)), "change"); q.Question != "" {
		t.Errorf("a MongoDB project asked %q", q.Question)
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"customers": "customer", "categories": "category", "addresses": "address", "boxes": "box", "status": "status", "order": "order", "class": "class"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func hasLoc(ev []Location, path string, line int) bool {
	for _, e := range ev {
		if e.Path == path && e.Line == line {
			return true
		}
	}
	return false
}

func questionOf(qs []Question, kind string) Question {
	for _, q := range qs {
		if q.Kind == kind {
			return q
		}
	}
	return Question{}
}

func TestArticle(t *testing.T) {
	for word, want := range map[string]string{"user": "a user", "User": "a User", "unit": "a unit", "event": "an event",
		"order item": "an order item", "update": "an update", "project": "a project", "one-time code": "a one-time code"} {
		if got := article(word); got != want {
			t.Errorf("article(%q) = %q, want %q", word, got, want)
		}
	}
}
