using System.Text;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Splits a RUN script into simple commands, as far as a doctor needs: quotes, escapes, <c>$(…)</c> and backticks are
/// kept whole; <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>;</c>, <c>&amp;</c> and newlines separate commands; <c>if</c>/<c>then</c>/…
/// keywords are dropped, and commands inside <c>case WORD in … esac</c> carry WORD with their pattern removed.
/// It is not a shell: it never runs anything, and what it cannot follow the analyzer calls unknown.
/// </summary>
internal static class ShellScript
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "{", "}", "!" };

    public static IReadOnlyList<ShellCommand> Parse(string script)
    {
        var commands = new List<ShellCommand>();
        var cases = new Stack<string>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand()
        {
            EndWord();
            var list = words.ToList();
            words.Clear();
            while (list.Count > 0 && Keywords.Contains(list[0]))
            {
                list.RemoveAt(0);
            }

            if (list.Count == 0)
            {
                return;
            }

            if (list[0] == "case" && list.Count >= 3 && list[2] == "in")
            {
                cases.Push(list[1]);
                list.RemoveRange(0, 3);
            }
            else if (list[0] == "case")
            {
                return; // a case whose word is on another line: its commands count as unconditional
            }

            if (list.Count > 0 && list[0] == "esac")
            {
                if (cases.Count > 0)
                {
                    cases.Pop();
                }

                list.RemoveAt(0);
            }

            if (cases.Count > 0 && list.Count > 0 && list[0].EndsWith(')'))
            {
                list.RemoveAt(0); // the case pattern
            }

            if (list.Count > 0)
            {
                commands.Add(new ShellCommand(list, cases.Count > 0 ? cases.Peek() : null));
            }
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\\' when i + 1 < script.Length:
                    i++;
                    if (script[i] != '\n')
                    {
                        word.Append(script[i]);
                        inWord = true;
                    }

                    break;
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    close = close < 0 ? script.Length : close;
                    word.Append(script, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    i = ReadDoubleQuoted(script, i + 1, word);
                    inWord = true;
                    break;
                case '$' when i + 1 < script.Length && script[i + 1] == '(':
                case '`':
                    i = ReadSubstitution(script, i, word);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    var eol = script.IndexOf('\n', i);
                    i = eol < 0 ? script.Length : eol - 1;
                    break;
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n' or ';' or '&' or '|' or '(':
                    EndCommand();
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        EndCommand();
        return commands;
    }

    // Copies a double-quoted string up to its closing quote, keeping $ expressions; returns the index of the quote.
    private static int ReadDoubleQuoted(string script, int i, StringBuilder word)
    {
        for (; i < script.Length && script[i] != '"'; i++)
        {
            if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(script[++i]);
            }
            else if (script[i] == '$' && i + 1 < script.Length && script[i + 1] == '(' || script[i] == '`')
            {
                i = ReadSubstitution(script, i, word);
            }
            else
            {
                word.Append(script[i]);
            }
        }

        return i;
    }

    // Copies $( … ) (nested, quotes inside) or ` … ` verbatim; returns the index of its last character.
    private static int ReadSubstitution(string script, int i, StringBuilder word)
    {
        var start = i;
        if (script[i] == '`')
        {
            var end = script.IndexOf('`', i + 1);
            end = end < 0 ? script.Length - 1 : end;
            word.Append(script, start, end - start + 1);
            return end;
        }

        var depth = 0;
        char? quote = null;
        for (i += 1; i < script.Length; i++)
        {
            var c = script[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                break;
            }
        }

        i = Math.Min(i, script.Length - 1);
        word.Append(script, start, i - start + 1);
        return i;
    }
}
