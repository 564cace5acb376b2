package erd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func c(name, typ string, null bool) facts.Column {
	return facts.Column{Name: name, Type: typ, Nullable: null}
}

// shop is a small schema with every kind of relation: one-to-many with an
// ON DELETE action, an optional reference, a one-to-one, a self
// reference and a join table.
func shop() facts.Schema {
	return facts.Schema{Source: "migrations", Tool: "alembic", Tables: []facts.Table{
		{Name: "customers", Columns: []facts.Column{c("id", "bigint", false), c("email", "varchar(255)", false), c("referred_by", "bigint", true)},
			PrimaryKey: []string{"id"}, Indexes: []facts.Index{{Columns: []string{"email"}, Unique: true}},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"referred_by"}, References: "customers", RefColumns: []string{"id"}, OnDelete: "set null"}}},
		{Name: "orders", Columns: []facts.Column{c("id", "bigint", false), c("customer_id", "bigint", false), c("total", "decimal(10,2)", false)},
			PrimaryKey:  []string{"id"},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"customer_id"}, References: "customers", RefColumns: []string{"id"}, OnDelete: "cascade"}}},
		{Name: "profiles", Columns: []facts.Column{c("customer_id", "bigint", false), c("bio", "text", true)},
			PrimaryKey:  []string{"customer_id"},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"customer_id"}, References: "customers"}}},
		{Name: "products", Columns: []facts.Column{c("id", "serial", false), c("name", "text", false)}, PrimaryKey: []string{"id"}},
		{Name: "order_items", Columns: []facts.Column{c("order_id", "bigint", false), c("product_id", "bigint", true)},
			ForeignKeys: []facts.ForeignKey{
				{Columns: []string{"order_id"}, References: "orders", OnDelete: "cascade"},
				{Columns: []string{"product_id"}, References: "products"},
				{Columns: []string{"warehouse_id"}, References: "warehouses"}, // not in the schema: not drawn
			}},
	}}
}

func TestMermaid(t *testing.T) {
	var b bytes.Buffer
	if err := Mermaid(&b, shop()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"erDiagram\n",
		"    customers {\n        bigint id PK\n        varchar(255) email UK\n        bigint referred_by FK \"null\"\n    }\n",
		"        decimal(10-2) total\n", // Mermaid types cannot hold a comma
		`    customers ||--o{ orders : "customer_id (on delete cascade)"`,
		`    customers |o--o{ customers : "referred_by (on delete set null)"`,
		`    customers ||--o| profiles : "customer_id"`, // the FK is the primary key: one-to-one
		`    products |o--o{ order_items : "product_id"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Mermaid lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "warehouses") {
		t.Errorf("a reference to a table not in the schema was drawn:\n%s", out)
	}
	// Every line is one Mermaid can parse: an entity, an attribute, a
	// relationship or a brace.
	line := regexp.MustCompile(`^(erDiagram|    [A-Za-z_][\w-]* \{|        [A-Za-z][\w\-()\[\]]* [A-Za-z_][\w-]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?|    \}|    [A-Za-z_][\w-]* (\|\||\|o)--(o\{|o\|) [A-Za-z_][\w-]* : "[^"]*"|    %%.*)$`)
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !line.MatchString(l) {
			t.Errorf("line Mermaid would not parse: %q", l)
		}
	}
}

func TestMermaidSanitisesNames(t *testing.T) {
	var b bytes.Buffer
	s := facts.Schema{Tables: []facts.Table{{Name: "public.user data", Columns: []facts.Column{c("1st name", "character varying", true), c("x", "", false)}}}}
	if err := Mermaid(&b, s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"    public_user_data {", "character_varying t_1st_name", "unknown x"} {
		if !strings.Contains(out, want) {
			t.Errorf("Mermaid lacks %q\n%s", want, out)
		}
	}
}

func TestDOT(t *testing.T) {
	var b bytes.Buffer
	s := shop()
	s.Tables[3].Name = `pro"ducts<b>`
	s.Tables[4].ForeignKeys[1].References = `pro"ducts<b>`
	if err := DOT(&b, s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"digraph schema {",
		`"orders" -> "customers" [label="customer_id (on delete cascade)"];`,
		`"order_items" -> "pro\"ducts<b>" [label="product_id"];`,
		`<b>pro&quot;ducts&lt;b&gt;</b>`,
		`<td align="left">referred_by <i>FK</i></td><td align="left">bigint null</td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("DOT lacks %q\n%s", want, out)
		}
	}
}

func TestSVGIsWellFormedAndLaidOut(t *testing.T) {
	var b bytes.Buffer
	if err := SVG(&b, shop(), "erd1"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	dec := xml.NewDecoder(strings.NewReader(out))
	rects := map[string][4]float64{}
	edges := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, out)
		}
		if se, ok := tok.(xml.StartElement); ok {
			attr := map[string]string{}
			for _, a := range se.Attr {
				attr[a.Name.Local] = a.Value
			}
			if se.Name.Local == "path" && attr["class"] == "erd-edge" {
				edges++
			}
			if se.Name.Local == "rect" && attr["class"] == "erd-box" {
				var r [4]float64
				fmt.Sscan(attr["x"], &r[0])
				fmt.Sscan(attr["y"], &r[1])
				fmt.Sscan(attr["width"], &r[2])
				fmt.Sscan(attr["height"], &r[3])
				rects[fmt.Sprint(len(rects))] = r
			}
		}
	}
	if len(rects) != 5 || edges != 5 {
		t.Fatalf("drew %d tables and %d foreign keys, want 5 and 5", len(rects), edges)
	}
	// No two tables overlap.
	var rs [][4]float64
	for _, r := range rects {
		rs = append(rs, r)
	}
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			a, b := rs[i], rs[j]
			if a[0] < b[0]+b[2] && b[0] < a[0]+a[2] && a[1] < b[1]+b[3] && b[1] < a[1]+a[3] {
				t.Errorf("tables overlap: %v and %v", a, b)
			}
		}
	}
	for _, want := range []string{`role="img"`, `aria-labelledby="erd1-title erd1-desc"`,
		"<title id=\"erd1-title\">Entity-relationship diagram: 5 tables, 5 foreign keys</title>",
		"orders.customer_id (on delete cascade) references customers"} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestSVGReferencedTablesLeftOfReferencing(t *testing.T) {
	tables, _ := Pick(shop())
	boxes := make([]*box, len(tables))
	byName := map[string]*box{}
	for i, tb := range tables {
		boxes[i] = &box{t: tb, cols: tb.Columns}
		byName[strings.ToLower(tb.Name)] = boxes[i]
	}
	layer(boxes, edges(tables), byName)
	place(boxes)
	if !(byName["customers"].x < byName["orders"].x && byName["orders"].x < byName["order_items"].x && byName["products"].x < byName["order_items"].x) {
		t.Errorf("layers: customers %v, orders %v, products %v, order_items %v",
			byName["customers"].x, byName["orders"].x, byName["products"].x, byName["order_items"].x)
	}
}

func TestCycleAndBigSchemaAreBounded(t *testing.T) {
	var s facts.Schema
	for i := range 300 {
		tb := facts.Table{Name: fmt.Sprintf("t%d", i), Columns: []facts.Column{c("id", "int", false), c("next_id", "int", true)}, PrimaryKey: []string{"id"}}
		tb.ForeignKeys = []facts.ForeignKey{{Columns: []string{"next_id"}, References: fmt.Sprintf("t%d", (i+1)%300)}}
		if i%50 == 0 { // the hubs: referenced by many
			for j := range 20 {
				tb.Columns = append(tb.Columns, c(fmt.Sprintf("c%d", j), "text", true))
			}
		}
		s.Tables = append(s.Tables, tb)
	}
	tables, omitted := Pick(s)
	if len(tables) != MaxTables || omitted != 300-MaxTables {
		t.Fatalf("picked %d, omitted %d", len(tables), omitted)
	}
	var b bytes.Buffer
	if err := SVG(&b, s, "big"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "260 more tables not drawn") || !strings.Contains(b.String(), "… 6 more columns") {
		t.Errorf("big schema notes missing")
	}
	if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
		t.Errorf("big SVG not well-formed: %v", err)
	}
}

func TestEmptySchemaDrawsNothing(t *testing.T) {
	var b bytes.Buffer
	if err := SVG(&b, facts.Schema{}, "x"); err != nil || b.Len() != 0 {
		t.Errorf("empty schema: %q, %v", b.String(), err)
	}
}

func TestLongForeignKeysRunBetweenTables(t *testing.T) {
	s := shop()
	s.Tables = append(s.Tables, facts.Table{Name: "reviews",
		Columns:     []facts.Column{c("id", "int", false), c("order_item_id", "int", false), c("customer_id", "int", false)},
		ForeignKeys: []facts.ForeignKey{{Columns: []string{"order_item_id"}, References: "order_items"}, {Columns: []string{"customer_id"}, References: "customers"}}})
	tables, _ := Pick(s)
	var boxes []*box
	byName := map[string]*box{}
	for _, tb := range tables {
		b := &box{t: tb, cols: tb.Columns}
		boxes = append(boxes, b)
		byName[strings.ToLower(tb.Name)] = b
	}
	es := edges(tables)
	layer(boxes, es, byName)
	lanes, links := route(es, byName)
	n := 0
	for _, ls := range lanes {
		boxes = append(boxes, ls...)
		n += len(ls)
	}
	order(boxes, links)
	place(boxes)
	// reviews (layer 3) → customers (layer 0) passes layers 1 and 2.
	if n != 2 {
		t.Fatalf("%d lanes, want 2 (reviews.customer_id across two layers)", n)
	}
	for _, ls := range lanes {
		for _, ln := range ls {
			for _, b := range boxes {
				if b.lane || b.layer != ln.layer {
					continue
				}
				if ln.y < b.y+b.h && b.y < ln.y+ln.h {
					t.Errorf("lane in layer %d at y %v runs under table %s (%v..%v)", ln.layer, ln.y, b.t.Name, b.y, b.y+b.h)
				}
			}
		}
	}
}
