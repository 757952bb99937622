global using FluentValidation;
global using Carter;
