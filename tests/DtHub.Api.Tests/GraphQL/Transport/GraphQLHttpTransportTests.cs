using System.Net;
using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;
using static DtHub.Api.Tests.GraphQL.Transport.GraphQLHttp;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>GraphQL over HTTP through a real socket: media types, methods, status codes, parameters and batching.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GraphQLHttpTransportTests(HubDatabase hub) : IDisposable
{
    private readonly HttpClient _client = hub.Api.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Post_answers_graphql_response_json_when_the_client_asks_for_it()
    {
        var answer = await PostAsync(_client, new { query = "{ __typename }" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(GraphQLResponse, answer.MediaType);
        Assert.Equal("utf-8", answer.Charset);
        Assert.Equal("Query", answer.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/json;q=1, application/graphql-response+json;q=0.5")]
    public async Task Legacy_application_json_is_answered_when_asked_or_when_the_client_does_not_say(string? accept)
    {
        var answer = await PostAsync(_client, new { query = "{ __typename }" }, accept);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal("Query", answer.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Accepting_both_types_equally_gets_the_new_one()
    {
        var answer = await PostAsync(_client, new { query = "{ __typename }" }, "application/json, application/graphql-response+json");
        Assert.Equal(GraphQLResponse, answer.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Unacceptable_accept_header_is_406(string accept)
    {
        var answer = await PostAsync(_client, new { query = "{ __typename }" }, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        Assert.Contains("application/graphql-response+json", Assert.Single(answer.ErrorMessages));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Json_content_type_with_charset_or_other_case_is_accepted(string contentType)
    {
        var answer = await SendAsync(_client, HttpMethod.Post, "graphql", """{"query":"{ __typename }"}""", contentType);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("text/plain", "Content-Type 'text/plain' is not supported; send application/json.")]
    [InlineData("application/graphql", "Content-Type 'application/graphql' is not supported; send application/json.")]
    [InlineData("application/json; charset=latin1", "Charset 'latin1' is not supported; send UTF-8 JSON.")]
    [InlineData(null, "A POST request needs the header Content-Type: application/json.")]
    public async Task Unsupported_content_type_is_415(string? contentType, string message)
    {
        var answer = await SendAsync(_client, HttpMethod.Post, "graphql", """{"query":"{ __typename }"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal(message, Assert.Single(answer.ErrorMessages));
        Assert.False(answer.HasData);
    }

    [Theory]
    [InlineData("{ \"query\": ", "The request body is not valid JSON")]
    [InlineData("{}", "The 'query' parameter is missing")]
    [InlineData("{\"query\": null}", "The 'query' parameter is missing")]
    [InlineData("{\"query\": 42}", "The 'query' parameter must be a string, not a number.")]
    [InlineData("{\"query\": {\"a\": 1}}", "The 'query' parameter must be a string, not an object.")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": [1]}", "The 'variables' parameter must be a JSON object, not an array.")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": \"{}\"}", "The 'variables' parameter must be a JSON object, not a string.")]
    [InlineData("{\"query\": \"{ __typename }\", \"operationName\": 5}", "The 'operationName' parameter must be a string, not a number.")]
    [InlineData("{\"query\": \"{ __typename }\", \"extensions\": true}", "The 'extensions' parameter must be a JSON object, not a boolean.")]
    [InlineData("\"{ __typename }\"", "The request body must be a JSON object (or an array of objects for a batch), not a string.")]
    [InlineData("", "The request body is empty")]
    public async Task Malformed_request_is_400_with_a_clear_error_and_no_data(string body, string message)
    {
        foreach (var accept in new[] { GraphQLResponse, "application/json" })
        {
            var answer = await SendAsync(_client, HttpMethod.Post, "graphql", body, accept: accept);

            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.StartsWith(message, Assert.Single(answer.ErrorMessages));
            Assert.False(answer.HasData, answer.Body);
        }
    }

    [Fact]
    public async Task Null_variables_operation_name_and_extensions_are_allowed()
    {
        var answer = await SendAsync(_client, HttpMethod.Post, "graphql",
            """{"query":"{ __typename }","variables":null,"operationName":null,"extensions":null}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("{ __typename ", "Error parsing query")]
    [InlineData("{ noSuchField }", "Cannot query field 'noSuchField' on type 'Query'.")]
    public async Task Document_that_does_not_parse_or_validate_is_400_for_graphql_response_json_and_200_for_legacy_json(string query, string message)
    {
        var modern = await PostAsync(_client, new { query });
        Assert.Equal(HttpStatusCode.BadRequest, modern.Status);
        Assert.Contains(message, Assert.Single(modern.ErrorMessages));
        Assert.False(modern.HasData);

        var legacy = await PostAsync(_client, new { query }, "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Contains(message, Assert.Single(legacy.ErrorMessages));
        Assert.False(legacy.HasData);
    }

    [Fact]
    public async Task Get_runs_a_query_with_operation_name_and_variables_from_the_url()
    {
        var query = Uri.EscapeDataString("query First { __typename } query Named($n: String!) { __type(name: $n) { name } }");
        var variables = Uri.EscapeDataString("""{"n":"Query"}""");

        var answer = await GetAsync(_client, $"query={query}&operationName=Named&variables={variables}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Query", answer.Json.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("", "The 'query' parameter is missing")]
    [InlineData("query=%7B__typename%7D&variables=%5B%5D", "The 'variables' parameter must be a JSON object, not an array.")]
    [InlineData("query=%7B__typename%7D&variables=%7B", "The 'variables' parameter is not valid JSON")]
    [InlineData("query=%7B__typename%7D&query=%7B__typename%7D", "The 'query' parameter is given 2 times; give it once.")]
    public async Task Get_with_bad_parameters_is_400(string queryString, string message)
    {
        var answer = await GetAsync(_client, queryString);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith(message, Assert.Single(answer.ErrorMessages));
    }

    [Theory]
    [InlineData("mutation { anything }", null)]
    [InlineData("query Q { __typename } mutation M { anything }", "M")]
    public async Task Mutation_over_get_is_405_with_allow_header(string query, string? operationName)
    {
        var queryString = "query=" + Uri.EscapeDataString(query) + (operationName is null ? "" : "&operationName=" + operationName);

        var answer = await GetAsync(_client, queryString);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("GET, POST", answer.Allow);
        Assert.Contains("use POST", Assert.Single(answer.ErrorMessages));
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow_header()
    {
        var answer = await SendAsync(_client, HttpMethod.Put, "graphql", """{"query":"{ __typename }"}""");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("GET, POST", answer.Allow);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation_to_run()
    {
        const string document = "query A { a: __typename } query B { b: __typename }";

        var answer = await PostAsync(_client, new { query = document, operationName = "B" });
        Assert.Equal("Query", answer.Json.GetProperty("data").GetProperty("b").GetString());
        Assert.False(answer.Json.GetProperty("data").TryGetProperty("a", out _));

        var unnamed = await PostAsync(_client, new { query = document });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.Status);
        Assert.Single(unnamed.ErrorMessages);

        var unknown = await PostAsync(_client, new { query = document, operationName = "C" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("C", Assert.Single(unknown.ErrorMessages));
    }

    [Fact]
    public async Task Variables_are_passed_and_a_wrong_type_is_a_request_error()
    {
        const string query = "query($n: String!) { __type(name: $n) { name } }";

        var ok = await PostAsync(_client, new { query, variables = new { n = "String" } });
        Assert.Equal("String", ok.Json.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());

        var wrong = await PostAsync(_client, new { query, variables = new { n = new[] { 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("$n", Assert.Single(wrong.ErrorMessages));
    }

    [Fact]
    public async Task Batch_runs_each_operation_and_answers_an_array_in_order()
    {
        var answer = await PostAsync(_client, new object[]
        {
            new { query = "{ x: __typename }" },
            new { query = "query($n: String!) { __type(name: $n) { name } }", variables = new { n = "Boolean" } },
            new { query = "{ nope }" },
        });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var results = answer.Json.EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("Query", results[0].GetProperty("data").GetProperty("x").GetString());
        Assert.Equal("Boolean", results[1].GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
        Assert.False(results[2].TryGetProperty("data", out _));
        Assert.Single(results[2].GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Batch_of_11_operations_is_400_naming_the_limit()
    {
        var batch = Enumerable.Range(0, 11).Select(_ => new { query = "{ __typename }" }).ToArray();

        var answer = await PostAsync(_client, batch);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Batch has 11 operations; the limit is 10 (GraphQL:Transport:MaxBatchSize).", Assert.Single(answer.ErrorMessages));
        Assert.False(answer.HasData);
    }

    [Fact]
    public async Task Batch_with_a_malformed_operation_is_refused_whole_and_names_it()
    {
        var answer = await PostAsync(_client, new object[] { new { query = "{ __typename }" }, new { nothing = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("Batch operation 1: The 'query' parameter is missing", Assert.Single(answer.ErrorMessages));
    }

    [Fact]
    public async Task Body_of_3_MB_is_413_naming_the_limit()
    {
        var padding = new string(' ', 3 * 1024 * 1024);
        var answer = await SendAsync(_client, HttpMethod.Post, "graphql", "{\"query\":\"{ __typename }\"" + padding + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal($"Request body is {3 * 1024 * 1024 + 26} bytes; the limit is 2097152 bytes (GraphQL:Transport:MaxRequestBodyBytes).",
            Assert.Single(answer.ErrorMessages));
    }

    [Fact]
    public async Task Variables_over_their_size_limit_are_413_naming_the_limit()
    {
        var variables = new { n = new string('x', 300 * 1024) };

        var answer = await PostAsync(_client, new { query = "query($n: String) { __type(name: $n) { name } }", variables });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains("the limit is 262144 bytes (GraphQL:Transport:MaxVariablesBytes)", Assert.Single(answer.ErrorMessages));
    }

    [Fact]
    public async Task Response_json_is_parseable_by_the_shared_helper()
    {
        using var document = await hub.Api.PostGraphQLAsync("query($n: String!) { __type(name: $n) { name } }", new { n = "Query" });
        Assert.Equal("Query", document.RootElement.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
    }
}
