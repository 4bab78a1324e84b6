using System.Reflection;
using System.Runtime.CompilerServices;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>
/// The bytes an object graph holds on a 64-bit runtime, counted by walking its fields: 16 bytes of header per object
/// (24 per array) plus its fields, each array at its allocated length, each object once. It counts what a graph keeps
/// reachable whatever else the process does, which a reading of the process's heap cannot.
/// </summary>
internal static class ReachableBytes
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static long Of(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        long total = 0;
        while (pending.TryPop(out var item))
        {
            if (seen.Add(item))
            {
                total += Size(item, pending);
            }
        }

        return total;
    }

    private static long Size(object item, Stack<object> pending)
    {
        var type = item.GetType();
        if (item is string text)
        {
            return 22 + (2L * text.Length);
        }

        if (item is Array array)
        {
            var element = type.GetElementType()!;
            long size = 24;
            for (var i = 0; i < array.Length; i++)
            {
                size += element.IsValueType ? ValueSize(element, array.GetValue(i), pending) : 8;
                if (!element.IsValueType && array.GetValue(i) is { } child)
                {
                    pending.Push(child);
                }
            }

            return size;
        }

        return 16 + FieldsSize(type, item, pending);
    }

    // A value of a value type in place: a primitive's size, or its fields, whose references are walked too.
    private static long ValueSize(Type type, object? value, Stack<object> pending) =>
        type.IsPrimitive || type.IsEnum ? Primitive(type) : FieldsSize(type, value, pending);

    private static long FieldsSize(Type type, object? value, Stack<object> pending)
    {
        long size = 0;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var field in current.GetFields(Instance | BindingFlags.DeclaredOnly))
            {
                var fieldValue = value is null ? null : field.GetValue(value);
                if (field.FieldType.IsValueType)
                {
                    size += ValueSize(field.FieldType, fieldValue, pending);
                }
                else
                {
                    size += 8;
                    if (fieldValue is not null)
                    {
                        pending.Push(fieldValue);
                    }
                }
            }
        }

        return size;
    }

    private static long Primitive(Type type) =>
        type.IsEnum ? Primitive(Enum.GetUnderlyingType(type)) : (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
