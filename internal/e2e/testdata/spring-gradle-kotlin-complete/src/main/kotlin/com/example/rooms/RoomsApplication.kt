package com.example.rooms

import io.swagger.v3.oas.annotations.OpenAPIDefinition
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType
import io.swagger.v3.oas.annotations.info.Info
import io.swagger.v3.oas.annotations.security.SecurityRequirement
import io.swagger.v3.oas.annotations.security.SecurityScheme
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication
import org.springframework.context.annotation.Bean
import org.springframework.web.filter.CommonsRequestLoggingFilter

@SpringBootApplication
@OpenAPIDefinition(info = Info(title = "Rooms API", version = "1.0"), security = [SecurityRequirement(name = "bearerAuth")])
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class RoomsApplication {

    /** Logs every request line (method, URI, client) at DEBUG. */
    @Bean
    fun requestLoggingFilter() = CommonsRequestLoggingFilter().apply {
        setIncludeQueryString(true)
        setIncludeClientInfo(true)
        setMaxPayloadLength(1000)
    }
}

fun main(args: Array<String>) {
    runApplication<RoomsApplication>(*args)
}
