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
        var reader = new Reader(script);
        for (var i = 0; i < script.Length; i++)
        {
            i = reader.Step(i);
        }

        reader.EndCommand();
        return reader.Commands;
    }

    // The parse state: the commands so far, the open case words, the current command's words and the current word.
    private sealed class Reader(string script)
    {
        private readonly Stack<string> cases = new();
        private readonly List<string> words = [];
        private readonly StringBuilder word = new();
        private bool inWord;

        public List<ShellCommand> Commands { get; } = [];

        // Reads the character at i (and what it opens); returns the index of the last character read.
        public int Step(int i)
        {
            var c = script[i];
            switch (c)
            {
                case '\\' when i + 1 < script.Length:
                    i++;
                    if (script[i] != '\n')
                    {
                        Append(script[i]);
                    }

                    return i;
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    close = close < 0 ? script.Length : close;
                    word.Append(script, i + 1, close - i - 1);
                    inWord = true;
                    return close;
                case '"':
                    inWord = true;
                    return ReadDoubleQuoted(script, i + 1, word);
                case '$' when i + 1 < script.Length && script[i + 1] == '(':
                case '`':
                    inWord = true;
                    return ReadSubstitution(script, i, word);
                case '#' when !inWord:
                    var eol = script.IndexOf('\n', i);
                    return eol < 0 ? script.Length : eol - 1;
                case ' ' or '\t':
                    EndWord();
                    return i;
                case '\n' or ';' or '&' or '|' or '(':
                    EndCommand();
                    return i;
                default:
                    Append(c);
                    return i;
            }
        }

        public void EndCommand()
        {
            EndWord();
            var list = words.ToList();
            words.Clear();
            while (list.Count > 0 && Keywords.Contains(list[0]))
            {
                list.RemoveAt(0);
            }

            if (list.Count == 0 || !EnterOrLeaveCase(list))
            {
                return;
            }

            if (cases.Count > 0 && list.Count > 0 && list[0].EndsWith(')'))
            {
                list.RemoveAt(0); // the case pattern
            }

            if (list.Count > 0)
            {
                Commands.Add(new ShellCommand(list, cases.Count > 0 ? cases.Peek() : null));
            }
        }

        // Takes "case WORD in" and "esac" off the command; false when the command is a case whose word is on another line.
        private bool EnterOrLeaveCase(List<string> list)
        {
            if (list[0] == "case" && list.Count >= 3 && list[2] == "in")
            {
                cases.Push(list[1]);
                list.RemoveRange(0, 3);
            }
            else if (list[0] == "case")
            {
                return false; // its commands count as unconditional
            }

            if (list.Count > 0 && list[0] == "esac")
            {
                if (cases.Count > 0)
                {
                    cases.Pop();
                }

                list.RemoveAt(0);
            }

            return true;
        }

        private void Append(char c)
        {
            word.Append(c);
            inWord = true;
        }

        private void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
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
