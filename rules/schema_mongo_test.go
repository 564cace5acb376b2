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
