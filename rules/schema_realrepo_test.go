package rules

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestMongoosePricesAndKeys(t *testing.T) {
	f := &Facts{Schema: facts.Schema{Source: "models", Tool: "mongoose", Tables: []facts.Table{{Name: "products",
		Columns:    []facts.Column{{Name: "_id", Type: "objectid"}, {Name: "price", Type: "number"}},
		PrimaryKey: []string{"_id"}}}}}
	r := runMoneyTypes(f)
	if r.Passed || r.Skipped || !strings.Contains(r.Message, "money column") {
		t.Errorf("Mongoose Number price: %+v", r)
	}
	f.Schema.Tables[0].Columns[1].Type = "decimal128"
	if r := runMoneyTypes(f); !r.Passed {
		t.Errorf("Decimal128 price: %+v", r)
	}
	if r := runPrimaryKeys(f); !r.Skipped {
		t.Errorf("Mongo _id judged as a chosen key: %+v", r)
	}
	// Oracle's NUMBER is exact: only Mongoose's number is a double.
	f.Schema.Tool = "flyway"
	f.Schema.Tables[0].Columns[1].Type = "number"
	if r := runMoneyTypes(f); !r.Passed {
		t.Errorf("SQL number price: %+v", r)
	}
}

func TestPartialTablesAndOptionalLinksAreNotJudged(t *testing.T) {
	col := func(name, typ string, null bool) facts.Column {
		return facts.Column{Name: name, Type: typ, Nullable: null}
	}
	f := &Facts{Schema: facts.Schema{Source: "migrations", Tool: "django", Tables: []facts.Table{
		// Created by a migration vetfolio did not read: only an altered column is known.
		{Name: "account_address", Partial: true, Columns: []facts.Column{col("city_area", "varchar(128)", false)}},
		{Name: "users", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "bigint", false), col("email", "varchar(254)", false)},
			Indexes: []facts.Index{{Columns: []string{"lower(email)"}, Unique: true}}},
		{Name: "circuits", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "bigint", false), col("tenant_id", "bigint", true), col("order_id", "bigint", true)},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"tenant_id"}, References: "users", OnDelete: "restrict"}},
			Indexes:     []facts.Index{{Columns: []string{"tenant_id"}}}},
	}, Models: []facts.Table{{Name: "account_address", Columns: []facts.Column{col("first_name", "varchar(256)", false)}}}}}
	if r := runPrimaryKeys(f); !r.Passed {
		t.Errorf("a partial table judged for its key: %+v", r)
	}
	if r := runConstraints(f); !r.Passed {
		t.Errorf("lower(email) unique index or an optional RESTRICT link judged: %+v", r)
	}
	if r := runModelDrift(f); !r.Passed {
		t.Errorf("a partial table's unknown columns judged as drift: %+v", r)
	}
	// The same nullable key that cascades is an owned row: it fails.
	f.Schema.Tables[2].ForeignKeys[0].OnDelete = "cascade"
	if r := runConstraints(f); r.Passed || !strings.Contains(r.Message, "tenant_id") {
		t.Errorf("nullable cascading key passed: %+v", r)
	}
}
