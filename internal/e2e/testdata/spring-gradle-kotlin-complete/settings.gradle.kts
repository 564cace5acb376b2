rootProject.name = "rooms-api"
