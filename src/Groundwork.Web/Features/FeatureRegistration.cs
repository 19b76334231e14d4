using System.Text.Json.Serialization;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.CostTypes;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Demo;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks;
using Groundwork.Web.Features.Vendors;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features;

internal static class FeatureRegistration
{
    public static WebApplicationBuilder AddGroundworkFeatures(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(AppClock.Real);
        // Use cases register themselves (IUseCase); only their shared helpers are listed.
        s.AddUseCases(typeof(FeatureRegistration).Assembly);
        s.AddScoped<DocumentHistory>().AddScoped<OrganizationCalendar>();
        s.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
        s.AddScoped<DemoSeeder>().AddScoped<DemoDocuments>();

        s.AddProblemDetails();
        s.AddExceptionHandler<ProblemExceptionHandler>();
        // Unreadable bodies reach ProblemExceptionHandler (which names the JSON field) in every environment, not only Development.
        s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        s.AddOpenApi();
        // Forms bind the use cases' input types; the use cases validate them (one source of rules), so MVC's own
        // validation is off for them and the model state keeps only binding errors such as "abc" for a number.
        s.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            foreach (var type in UseCaseInputs)
            {
                o.ModelMetadataDetailsProviders.Add(new Microsoft.AspNetCore.Mvc.ModelBinding.SuppressChildValidationMetadataProvider(type));
            }
        });
        s.AddRazorPages(o =>
        {
            // Pages live with their feature (Features/Customers/Index.cshtml → /Customers).
            o.RootDirectory = "/Features";
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/QuickBooks/Connection/QuickBooksDisconnected");
            o.Conventions.AuthorizePage("/QuickBooks/Connection/QuickBooksCallback", AccountServiceCollectionExtensions.AdminPolicy);
            o.Conventions.AuthorizePage("/Payments/New", AccountServiceCollectionExtensions.AccountantPolicy);
            o.Conventions.AuthorizePage("/Organizations/Settings", AccountServiceCollectionExtensions.AdminPolicy);
            o.Conventions.AuthorizePage("/Documents/Void", AccountServiceCollectionExtensions.AccountantPolicy);
            o.Conventions.AddPageRoute("/Documents/Edit", "/{kind:regex(^(invoices|bills)$)}/new");
        });
        return builder;
    }

    private static readonly Type[] UseCaseInputs =
    [
        typeof(CustomerInput), typeof(AddressInput), typeof(LocationInput), typeof(VendorInput), typeof(JobInput),
        typeof(CostCodeInput), typeof(CostTypeInput), typeof(DocumentInput), typeof(LineInput), typeof(PaymentInput),
        typeof(PaymentApplicationInput), typeof(Organizations.OrganizationInput),
    ];

    public static WebApplication MapGroundworkApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AccountServiceCollectionExtensions.MemberPolicy);
        api.MapCustomersApi().MapVendorsApi().MapOrganizationApi().MapJobsApi().MapCostCodesApi().MapDocumentsApi().MapPaymentsApi().MapQuickBooksApi();
        app.MapGroup("/api/v1/auth").MapAuthApi();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
