package security

import (
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// The stack packs' security tables join the engine's own signals, limited
// to the pack's languages, so a new pack needs no edit here.
func init() {
	for _, pk := range stacks.All() {
		ls := map[string]bool{}
		for _, l := range pk.Languages {
			ls[l] = true
		}
		add := func(k kind, list []pack.Named) {
			for _, n := range list {
				signals = append(signals, &signal{kind: k, name: n.Name, langs: ls, keywords: []string{""}, re: n.Re})
			}
		}
		add(validation, pk.Security.Validation)
		add(rateLimit, pk.Security.RateLimit)
		add(cors, pk.Security.CORS)
		if re := pk.Security.CORSWildcard; re != nil {
			signals = append(signals, &signal{kind: corsWildcard, name: "cors-wildcard", langs: ls, keywords: []string{""}, re: re})
		}
	}
}
