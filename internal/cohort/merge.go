package cohort

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// maxDocBytes bounds a report read back: a cohort of thousands of full
// reports fits.
const maxDocBytes = 1 << 30

// Load reads a cohort report written by Report.JSON; the full reports go
// to a spool, so a large cohort is not held in memory. name is for
// messages. Close the report when done.
func Load(r io.Reader, name string) (*Report, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDocBytes))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return loadCohort(data, name)
}

func loadCohort(data []byte, name string) (*Report, error) {
	var kind struct {
		SchemaVersion int    `json:"schema_version"`
		Kind          string `json:"kind"`
	}
	if err := json.Unmarshal(data, &kind); err != nil {
		return nil, fmt.Errorf("%s: not a vetfolio JSON report: %w", name, err)
	}
	if kind.Kind != Kind {
		return nil, fmt.Errorf("%s: a single report, not a cohort report (write one with `vetfolio audit A B ... --format json`)", name)
	}
	if kind.SchemaVersion != 1 {
		return nil, fmt.Errorf("%s: schema_version %d is not supported (want 1)", name, kind.SchemaVersion)
	}
	var rep Report
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rep); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	rep.spool = sp
	for i := range rep.Rows {
		if len(rep.Rows[i].Report) == 0 {
			continue
		}
		ref, err := sp.add(rep.Rows[i].Report)
		if err != nil {
			rep.Close()
			return nil, err
		}
		rep.Rows[i].ref, rep.Rows[i].Report = ref, nil
	}
	return &rep, nil
}

// Merge joins cohort reports (the shards of one list) into one, sorted
// as if the list had been audited at once. Reports of different profiles
// are refused, and so is a target that appears in two of them.
func Merge(parts []*Report, names []string) (*Report, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("merge: no reports")
	}
	for len(names) < len(parts) {
		// Merge is exported: a caller without file names gets numbers.
		names = append(names, fmt.Sprintf("report %d", len(names)+1))
	}
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	out := &Report{SchemaVersion: parts[0].SchemaVersion, Kind: Kind, Tool: parts[0].Tool, Profile: parts[0].Profile, spool: sp}
	from := map[string]string{}
	for i, p := range parts {
		if p.Profile != out.Profile {
			out.Close()
			return nil, fmt.Errorf("merge: %s was scored with profile %s, %s with %s", names[0], out.Profile, names[i], p.Profile)
		}
		for _, row := range p.Rows {
			k := Key(row.Target)
			if prev, dup := from[k]; dup {
				out.Close()
				return nil, fmt.Errorf("merge: %s is in both %s and %s", row.Target, prev, names[i])
			}
			from[k] = names[i]
			raw, err := p.FullReport(row)
			if err != nil {
				out.Close()
				return nil, err
			}
			row.Report, row.ref = nil, spoolRef{}
			if raw != nil {
				if row.ref, err = sp.add(raw); err != nil {
					out.Close()
					return nil, err
				}
			}
			out.Rows = append(out.Rows, row)
		}
		for _, s := range p.Shards {
			if !slices.Contains(out.Shards, s) {
				out.Shards = append(out.Shards, s)
			}
		}
	}
	slices.Sort(out.Shards)
	out.finish()
	return out, nil
}
