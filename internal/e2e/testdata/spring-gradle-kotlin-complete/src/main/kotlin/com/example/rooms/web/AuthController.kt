package com.example.rooms.web

import com.example.rooms.domain.AppUser
import com.example.rooms.domain.UserRepository
import com.example.rooms.security.JwtAuthFilter
import io.swagger.v3.oas.annotations.Operation
import io.swagger.v3.oas.annotations.tags.Tag
import jakarta.validation.Valid
import jakarta.validation.constraints.Email
import jakarta.validation.constraints.NotBlank
import jakarta.validation.constraints.Size
import org.springframework.data.repository.findByIdOrNull
import org.springframework.http.HttpStatus
import org.springframework.security.core.annotation.AuthenticationPrincipal
import org.springframework.security.crypto.password.PasswordEncoder
import org.springframework.web.bind.annotation.*
import org.springframework.web.server.ResponseStatusException

data class Credentials(
    @field:NotBlank @field:Email val email: String,
    @field:NotBlank @field:Size(min = 8, max = 72) val password: String,
)

data class TokenResponse(val accessToken: String)

data class UserResponse(val id: Long, val email: String)

@RestController
@RequestMapping("/api")
@Tag(name = "auth")
class AuthController(
    private val users: UserRepository,
    private val encoder: PasswordEncoder,
    private val jwt: JwtAuthFilter,
) {

    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account")
    fun register(@Valid @RequestBody body: Credentials): UserResponse {
        if (users.findByEmail(body.email) != null) {
            throw ResponseStatusException(HttpStatus.CONFLICT, "Email already registered")
        }
        val user = users.save(AppUser(body.email, encoder.encode(body.password)))
        return UserResponse(user.id!!, user.email)
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Exchange credentials for a JWT access token")
    fun login(@Valid @RequestBody body: Credentials): TokenResponse {
        val user = users.findByEmail(body.email)?.takeIf { encoder.matches(body.password, it.passwordHash) }
            ?: throw ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong email or password")
        return TokenResponse(jwt.issue(user.id!!))
    }

    @GetMapping("/users/me")
    @Operation(summary = "The authenticated user")
    fun me(@AuthenticationPrincipal userId: Long): UserResponse {
        val user = users.findByIdOrNull(userId) ?: throw ResponseStatusException(HttpStatus.NOT_FOUND)
        return UserResponse(user.id!!, user.email)
    }
}
