package container

import "testing"

func TestLayerOfFoldersThenNames(t *testing.T) {
	for p, want := range map[string]string{
		"app/services/user_repo.py":                  "service", // the folder wins over the name
		"app/api/v1/handlers/users.py":               "controller",
		"src/main/java/com/x/resources/UserApi.java": "controller",
		"app/resources/user.py":                      "", // a resources folder is JAX-RS only in Java/Kotlin
		"internal/store/users.go":                    "repository",
		"web/src/store/users.ts":                     "",
		"Controllers/UsersController.cs":             "controller",
		"src/users/users.controller.ts":              "controller",
		"app/user_service.py":                        "service",
		"pkg/user-repository.go":                     "repository",
		"app/crud.py":                                "repository",
		"app/user_views.py":                          "controller",
		"app/users_handlers.py":                      "controller",
		"src/main/java/com/x/UserRepository.java":    "repository",
		"src/main/java/com/x/Repository.java":        "repository",
		"main.py":                                    "",
		"Store/x.go":                                 "repository",
		"a/Handlers/b/models.py":                     "controller",
		"app/models/user.py":                         "",
		"services":                                   "",
		"src/main/kotlin/com/x/resource/Users.kt":    "controller",
		"app/module0/handlers_0.py":                  "",
		"app/module0/models_0.py":                    "",
		"api/routes/index.js":                        "controller",
	} {
		if got := layerOf(p); got != want {
			t.Errorf("layerOf(%q) = %q, want %q", p, got, want)
		}
	}
}
