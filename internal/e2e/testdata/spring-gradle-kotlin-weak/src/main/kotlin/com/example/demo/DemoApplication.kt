package com.example.demo

import jakarta.persistence.Entity
import jakarta.persistence.GeneratedValue
import jakarta.persistence.Id
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication
import org.springframework.data.jpa.repository.JpaRepository
import org.springframework.web.bind.annotation.*

@SpringBootApplication
class DemoApplication

fun main(args: Array<String>) {
    runApplication<DemoApplication>(*args)
}

@Entity
class Product(
    var name: String = "",
    var price: Double = 0.0,
    @Id @GeneratedValue var id: Long? = null,
)

interface ProductRepository : JpaRepository<Product, Long>

@RestController
class ProductController(val repo: ProductRepository) {

    @GetMapping("/")
    fun hello() = "Hello World"

    @GetMapping("/products")
    fun all() = repo.findAll()

    @PostMapping("/products")
    fun add(@RequestBody p: Product) = repo.save(p)
}
