namespace ProductsApi.Models
{
    public class Product
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public decimal Price { get; set; }
        public bool InStock { get; set; }
    }
}
