using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace PolicyNews.Web.Hosting;

/// <summary>The <c>script</c> parameter of the JSON API and CSV exports (<see cref="ApiScript"/>), declared once per endpoint.</summary>
public static class ApiScriptEndpoints
{
    /// <summary>
    /// The endpoint answers in the script <c>?script=</c> asks for: a value it cannot read is a 400
    /// problem that says why, every answer names its script in Content-Language, and the OpenAPI
    /// document lists the parameter with its two values. The handler takes an <see cref="ApiScript"/>.
    /// </summary>
    public static RouteHandlerBuilder InEitherScript(this RouteHandlerBuilder endpoint) => endpoint
        .AddEndpointFilter(async (context, next) =>
        {
            var (script, problem) = ApiScript.Read(context.HttpContext.Request.Query);
            if (script is null)
                return Problems.Result(StatusCodes.Status400BadRequest, problem);
            context.HttpContext.Response.Headers[HeaderNames.ContentLanguage] = script.Lang;
            return await next(context);
        })
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = DisplayPreferences.ScriptKey,
                In = ParameterLocation.Query,
                Description = "The script of the text: hant (Traditional, the archive's own; the default) or hans (Simplified, "
                    + "converted by words and then characters; offsets of repairs, pinyin and snippets point into the converted text). "
                    + "The answer's Content-Language (and the JSON's lang) names it.",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create("hant"), JsonValue.Create("hans")],
                    Default = JsonValue.Create("hant"),
                },
            });
            return Task.CompletedTask;
        });
}
