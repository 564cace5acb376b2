package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaCommand(t *testing.T) {
	for name, file := range map[string]string{"report": "report.schema.json", "cohort": "cohort.schema.json", "config": "vetfolio.schema.json"} {
		code, out, _ := vf(t, "schema", name)
		published, err := os.ReadFile(filepath.Join("..", "..", "schema", file))
		if code != ExitOK || err != nil || out != string(published) {
			t.Errorf("schema %s: code %d, err %v, equal to schema/%s: %v", name, code, err, file, out == string(published))
		}
	}
	code, _, errOut := vf(t, "schema", "sarif")
	if code != ExitUsage || !strings.Contains(errOut, `unknown schema "sarif" (valid: report, cohort, config)`) {
		t.Errorf("schema sarif: code %d, stderr %q", code, errOut)
	}
}
