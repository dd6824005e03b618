using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace AlexNet.Core.Tests.Architecture;

/// <summary>
/// The dependencies between the AlexNet.* namespaces of some assemblies, found by reflection: base types, interfaces,
/// generic arguments, fields, properties, events, method and constructor signatures, and every type, method and field
/// that a method body's IL refers to (lambdas and iterators included: they compile to nested types). Each edge keeps
/// one example ("witness") of the type and member that makes it, for failure messages.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Dictionary<(string From, string To), string> _edges = new();

    private NamespaceGraph()
    {
    }

    /// <summary>Every namespace that holds a type of the analysed assemblies.</summary>
    public SortedSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Each edge (from, to) with one witness, for example "Trainer.Fit body -> LearningRateScheduleFactory".</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges => _edges;

    /// <summary>The graph of the AlexNet.* namespaces of <paramref name="assemblies"/>.</summary>
    public static NamespaceGraph Of(params Assembly[] assemblies) => Of(assemblies.SelectMany(a => a.GetTypes()));

    /// <summary>The graph of the AlexNet.* namespaces of <paramref name="types"/> (and of what they use).</summary>
    public static NamespaceGraph Of(IEnumerable<Type> types)
    {
        var graph = new NamespaceGraph();
        foreach (var type in types)
        {
            if (type.Namespace is { } ns && ns.StartsWith("AlexNet.", StringComparison.Ordinal))
            {
                graph.Namespaces.Add(ns);
                graph.AddType(type, ns);
            }
        }

        return graph;
    }

    /// <summary>The namespaces <paramref name="from"/> depends on.</summary>
    public IEnumerable<string> DependenciesOf(string from) => _edges.Keys.Where(e => e.From == from).Select(e => e.To);

    /// <summary>A cycle as "A -> B -> A" with the witnesses of its edges, or null when the graph has none.</summary>
    public string? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        foreach (string start in Namespaces)
        {
            if (Visit(start, state, path) is { } cycle)
            {
                var steps = cycle.Zip(cycle.Skip(1), (a, b) => $"  {a} -> {b} ({_edges[(a, b)]})");
                return string.Join(" -> ", cycle) + Environment.NewLine + string.Join(Environment.NewLine, steps);
            }
        }

        return null;
    }

    /// <summary>The whole graph, one "from -> to1, to2" line per namespace, for messages.</summary>
    public string Describe() => string.Join(
        Environment.NewLine,
        Namespaces.Select(n => $"{n} -> {string.Join(", ", DependenciesOf(n).Order(StringComparer.Ordinal))}"));

    private List<string>? Visit(string node, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(node, out int s))
        {
            return s == 1 ? path.Skip(path.IndexOf(node)).Append(node).ToList() : null;
        }

        state[node] = 1;
        path.Add(node);
        foreach (string next in DependenciesOf(node).Order(StringComparer.Ordinal))
        {
            if (Visit(next, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[node] = 2;
        return null;
    }

    private void AddType(Type type, string ns)
    {
        string owner = OuterName(type);
        Reference(ns, type.BaseType, $"{owner} base type");
        foreach (var i in type.GetInterfaces())
        {
            Reference(ns, i, $"{owner} implements {i.Name}");
        }

        foreach (var f in type.GetFields(Everything))
        {
            Reference(ns, f.FieldType, $"{owner}.{f.Name} field");
        }

        foreach (var p in type.GetProperties(Everything))
        {
            Reference(ns, p.PropertyType, $"{owner}.{p.Name} property");
        }

        foreach (var e in type.GetEvents(Everything))
        {
            Reference(ns, e.EventHandlerType, $"{owner}.{e.Name} event");
        }

        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            string where = $"{owner}.{m.Name}";
            if (m is MethodInfo method)
            {
                Reference(ns, method.ReturnType, $"{where} returns");
            }

            foreach (var p in m.GetParameters())
            {
                Reference(ns, p.ParameterType, $"{where}({p.Name})");
            }

            AddBody(ns, type, m, where);
        }
    }

    private void AddBody(string ns, Type type, MethodBase method, string where)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        Type[]? typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, i);
                    MemberInfo? member = Resolve(method.Module, token, typeArgs, methodArgs);
                    if (member is Type t)
                    {
                        Reference(ns, t, $"{where} body uses {t.Name}");
                    }
                    else if (member is not null)
                    {
                        Reference(ns, member.DeclaringType, $"{where} body uses {member.DeclaringType?.Name}.{member.Name}");
                        if (member is MethodInfo called)
                        {
                            Reference(ns, called.ReturnType, $"{where} body calls {called.Name}");
                            foreach (var g in called.IsGenericMethod ? called.GetGenericArguments() : Type.EmptyTypes)
                            {
                                Reference(ns, g, $"{where} body calls {called.Name}<{g.Name}>");
                            }
                        }
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                default:
                    i += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        try
        {
            return module.ResolveMember(token, typeArgs, methodArgs);
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or BadImageFormatException or System.IO.FileNotFoundException)
        {
            return null; // a token that needs a generic context the method does not give, or a type of an assembly not deployed here
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private void Reference(string from, Type? type, string witness)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Reference(from, type.GetElementType(), witness);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Reference(from, argument, witness);
            }
        }

        if (type.IsGenericParameter)
        {
            return;
        }

        string? to = type.Namespace;
        if (to is not null && to != from && to.StartsWith("AlexNet.", StringComparison.Ordinal))
        {
            _edges.TryAdd((from, to), witness);
        }
    }

    private static string OuterName(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Name;
    }
}
