using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Rename;

// FieldRename: every private field named _camel becomes camel, and a static one named s_camel becomes Camel (the house
// style: docs/style.md, "Fields"), one Roslyn rename per field.
//   dotnet run -c Release --project tools/FieldRename -- [--dry-run] [--list] [--as Type._field=name]... SOLUTION_OR_PROJECT...
// Renamer.RenameSymbolAsync renames the declaration and every reference (XML doc crefs included) and resolves a clash
// with a parameter or local of the new name by qualifying the field (`this.x`). A rename the renamer cannot make clean
// (new compiler errors in the project, or a name that is a keyword or already a member) is not made: the field keeps
// its name and is listed. Linked files (one file compiled into several projects) are renamed once.
// MSBuild is located before any of its types load (RegisterDefaults must come first).
MSBuildLocator.RegisterDefaults();
return await FieldRenamer.RunAsync(args);

static class FieldRenamer
{
    public static async Task<int> RunAsync(string[] args)
    {
        bool dryRun = args.Contains("--dry-run"), verbose = args.Contains("--list");
        // --as Type._field=name: the new name where dropping the prefix gives a keyword or a clash (ConsoleReport._out).
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--as" && i + 1 < args.Length && args[i + 1].Split('=') is [var field, var name]) { named[field] = name; i++; }
            else if (args[i] is not "--dry-run" and not "--list") inputs.Add(args[i]);
        }
        chosen = named;
        if (inputs.Count == 0)
        {
            Console.Error.WriteLine("usage: FieldRename [--dry-run] [--list] [--as Type._field=name]... SOLUTION.sln|PROJECT.csproj ...");
            return 2;
        }
        using var workspace = MSBuildWorkspace.Create();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure) Console.Error.WriteLine($"workspace: {e.Diagnostic.Message}");
        });
        int total = 0, failed = 0;
        foreach (var input in inputs)
        {
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] opening {input}");
            var solution = input.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || input.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
                ? await workspace.OpenSolutionAsync(input)
                : (await workspace.OpenProjectAsync(input)).Solution;
            var (renamed, skipped, qualified, files) = await RenameAllAsync(solution, dryRun);
            Console.WriteLine($"{input}: {renamed.Count} fields renamed in {files} files; {qualified} references qualified with this. (a parameter or local of the new name); {skipped.Count} not renamed");
            if (verbose) foreach (var line in renamed) Console.WriteLine($"  renamed: {line}");
            foreach (var line in skipped) Console.WriteLine($"  not renamed: {line}");
            total += renamed.Count;
            failed += skipped.Count;
        }
        Console.WriteLine($"total: {total} renamed, {failed} not renamed{(dryRun ? " (dry run: nothing written)" : "")}");
        return failed == 0 ? 0 : 1;
    }

    static async Task<(List<string> Renamed, List<string> Skipped, int Qualified, int Files)> RenameAllAsync(Solution solution, bool dryRun)
    {
        var original = solution;
        var renamed = new List<string>();
        var skipped = new List<string>();
        var refused = new HashSet<string>(StringComparer.Ordinal); // file:line:name of fields left as they are
        int qualified = 0;
        var options = new SymbolRenameOptions(RenameOverloads: false, RenameInStrings: false, RenameInComments: true, RenameFile: false);
        while (await NextAsync(solution, refused) is { } next)
        {
            string newName = NewName(next.Field);
            string where = $"{Relative(next.Document.FilePath)}:{next.Line}: {next.Field.ContainingType.Name}.{next.Field.Name}";
            string? reason = SyntaxFacts.GetKeywordKind(newName) != SyntaxKind.None
                ? $"'{newName}' is a keyword"
                : next.Field.ContainingType.GetMembers(newName).Any() ? $"{next.Field.ContainingType.Name} already has a member '{newName}'" : null;
            Solution after = solution;
            if (reason is null)
            {
                after = await Renamer.RenameSymbolAsync(solution, next.Field, options, newName);
                reason = await NewErrorsAsync(solution, after);
                if (reason is not null && await QualifiedAsync(solution, next.Field) is var (qualifiedSolution, qualifiedField))
                {
                    // The renamer leaves one clash: a local of the new name declared later in a method that uses the
                    // field before it (CS0844). Qualify every use first (this.x, Type.x), then rename.
                    after = await Renamer.RenameSymbolAsync(qualifiedSolution, qualifiedField, options, newName);
                    reason = await NewErrorsAsync(solution, after);
                }
            }
            if (reason is not null)
            {
                refused.Add(next.Key);
                skipped.Add($"{where} ({reason})");
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] not renamed: {where} ({reason})");
                continue;
            }
            qualified += await CountAsync(after, solution, $"this.{newName}");
            solution = after;
            renamed.Add($"{where} -> {newName}");
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {renamed.Count}: {where} -> {newName}");
        }
        var changed = solution.GetChanges(original).GetProjectChanges().SelectMany(p => p.GetChangedDocuments())
            .Select(id => solution.GetDocument(id)!).GroupBy(d => d.FilePath!).ToList();
        if (!dryRun)
        {
            foreach (var file in changed)
            {
                // A linked file's copies carry the same renames; each is written once.
                var texts = await Task.WhenAll(file.Select(async d => (await d.GetTextAsync()).ToString()));
                if (texts.Distinct().Count() > 1) throw new InvalidOperationException($"{file.Key}: its linked copies were renamed differently");
                await File.WriteAllTextAsync(file.Key, texts[0]);
            }
        }
        return (renamed, skipped, qualified, changed.Count);
    }

    sealed record Candidate(IFieldSymbol Field, Document Document, int Line, string Key);

    /// <summary>The first private field still named _camel or s_camel (source order), skipping those already refused.</summary>
    static async Task<Candidate?> NextAsync(Solution solution, HashSet<string> refused)
    {
        foreach (var project in solution.Projects.Where(p => p.Language == LanguageNames.CSharp))
            foreach (var document in project.Documents.Where(d => d.FilePath is { } path && !IsGenerated(path)))
            {
                var root = await document.GetSyntaxRootAsync();
                if (root is null) continue;
                foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Parent?.Parent is FieldDeclarationSyntax && IsPrefixed(v.Identifier.ValueText)))
                {
                    int line = declarator.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    string key = $"{document.FilePath}:{line}:{declarator.Identifier.ValueText}";
                    if (refused.Contains(key)) continue;
                    var model = await document.GetSemanticModelAsync();
                    if (model?.GetDeclaredSymbol(declarator) is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field)
                        return new Candidate(field, document, line, key);
                }
            }
        return null;
    }

    /// <summary>_camel and s_camel: the prefixes the house style drops.</summary>
    static bool IsPrefixed(string name) =>
        (name.Length > 1 && name[0] == '_' && char.IsLower(name[1])) || (name.Length > 2 && name.StartsWith("s_", StringComparison.Ordinal) && char.IsLower(name[2]));

    static IReadOnlyDictionary<string, string> chosen = new Dictionary<string, string>();

    /// <summary>_count: count; s_origin (static): Origin, as the static readonly fields are named; or the name --as chose.</summary>
    static string NewName(IFieldSymbol field) =>
        chosen.TryGetValue($"{field.ContainingType.Name}.{field.Name}", out var name) ? name
        : field.Name.StartsWith("s_", StringComparison.Ordinal)
        ? char.ToUpperInvariant(field.Name[2]) + field.Name[3..]
        : field.Name[1..];

    static bool IsGenerated(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || path.EndsWith(".g.cs", StringComparison.Ordinal);

    /// <summary>
    /// Compiler errors the rename added (an unresolved conflict), or null. Only the documents it changed are checked: a
    /// private field is seen only by its own type, whose documents are the ones a rename of it changes.
    /// </summary>
    static async Task<string?> NewErrorsAsync(Solution before, Solution after)
    {
        static async Task<HashSet<string>> Errors(Document document)
        {
            var model = await document.GetSemanticModelAsync();
            return model!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Id} {d.GetMessage()}").ToHashSet();
        }
        foreach (var id in after.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
        {
            var added = (await Errors(after.GetDocument(id)!)).Except(await Errors(before.GetDocument(id)!)).ToList();
            if (added.Count > 0) return $"the rename would not compile: {added[0]}";
        }
        return null;
    }

    /// <summary>The solution with every use of the field in code written <c>this.field</c> (static: <c>Type.field</c>), and the field in it.</summary>
    static async Task<(Solution, IFieldSymbol)?> QualifiedAsync(Solution solution, IFieldSymbol field)
    {
        var uses = (await SymbolFinder.FindReferencesAsync(field, solution)).SelectMany(r => r.Locations)
            .Where(l => !l.IsImplicit && !l.IsCandidateLocation).GroupBy(l => l.Document.Id).ToList();
        var qualifier = field.IsStatic
            ? SyntaxFactory.ParseExpression(field.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
            : SyntaxFactory.ThisExpression();
        var result = solution;
        foreach (var group in uses)
        {
            var root = (await result.GetDocument(group.Key)!.GetSyntaxRootAsync())!;
            var names = group.Select(l => root.FindNode(l.Location.SourceSpan, getInnermostNodeForTie: true)).OfType<IdentifierNameSyntax>()
                .Where(n => n.Parent is not MemberAccessExpressionSyntax { Name: var name } || name != n)
                .Where(n => !n.Ancestors().OfType<CrefSyntax>().Any())
                .ToList();
            root = root.ReplaceNodes(names, (original, _) =>
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, qualifier, original.WithoutTrivia()).WithTriviaFrom(original));
            result = result.WithDocumentSyntaxRoot(group.Key, root);
        }
        var project = result.GetProject(solution.GetDocumentIdsWithFilePath(field.Locations[0].SourceTree!.FilePath)[0].ProjectId)!;
        return SymbolFinder.FindSimilarSymbols(field, (await project.GetCompilationAsync())!).FirstOrDefault() is { } similar ? (result, similar) : null;
    }

    /// <summary>How many more times <paramref name="text"/> occurs in the documents the rename changed.</summary>
    static async Task<int> CountAsync(Solution after, Solution before, string text)
    {
        int count = 0;
        foreach (var id in after.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
        {
            string now = (await after.GetDocument(id)!.GetTextAsync()).ToString();
            string was = (await before.GetDocument(id)!.GetTextAsync()).ToString();
            count += Occurrences(now, text) - Occurrences(was, text);
        }
        return count;
    }

    static int Occurrences(string s, string text)
    {
        int n = 0;
        for (int at = s.IndexOf(text, StringComparison.Ordinal); at >= 0; at = s.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            if (at + text.Length == s.Length || !SyntaxFacts.IsIdentifierPartCharacter(s[at + text.Length])) n++;
        return n;
    }

    static string Relative(string? path) => path is null ? "?" : Path.GetRelativePath(Environment.CurrentDirectory, path);
}
