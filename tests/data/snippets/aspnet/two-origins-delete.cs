builder.Services.AddCors(options =>
{
    options.AddPolicy("CorscopeFix", policy =>
    {
        policy.WithOrigins("https://app.example", "https://admin.example")
              .WithMethods("DELETE")
              .AllowCredentials()
              .SetPreflightMaxAge(TimeSpan.FromSeconds(7200));
    });
});

var app = builder.Build();

app.UseRouting();
// After UseRouting and before UseAuthorization (and any response caching),
// as the ASP.NET Core CORS docs require: otherwise the preflight meets
// authorization first and is refused.
app.UseCors("CorscopeFix");
app.UseAuthorization();
