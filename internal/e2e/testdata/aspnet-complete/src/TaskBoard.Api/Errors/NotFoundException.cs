namespace TaskBoard.Api.Errors;

public sealed class NotFoundException(string message) : Exception(message);
