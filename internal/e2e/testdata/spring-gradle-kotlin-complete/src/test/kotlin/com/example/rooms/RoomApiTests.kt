package com.example.rooms

import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.http.MediaType
import org.springframework.test.context.ActiveProfiles
import org.springframework.test.web.servlet.MockMvc
import org.springframework.test.web.servlet.get
import org.springframework.test.web.servlet.post

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RoomApiTests(@Autowired val mvc: MockMvc) {

    @Test
    fun `listing rooms is public and paged`() {
        mvc.get("/api/rooms?size=5").andExpect {
            status { isOk() }
            jsonPath("$.size") { value(5) }
        }
    }

    @Test
    fun `creating a room needs a token`() {
        mvc.post("/api/rooms") {
            contentType = MediaType.APPLICATION_JSON
            content = """{"name":"Boardroom","seats":8}"""
        }.andExpect { status { isForbidden() } }
    }

    @Test
    fun `register validates the email`() {
        mvc.post("/api/auth/register") {
            contentType = MediaType.APPLICATION_JSON
            content = """{"email":"nope","password":"s3cure-pass"}"""
        }.andExpect {
            status { isBadRequest() }
            jsonPath("$.errors.email") { exists() }
        }
    }
}
