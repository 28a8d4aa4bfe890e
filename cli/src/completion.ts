import type { Command } from "commander";

/** completionScript renders a bash (or zsh, via bashcompinit) completion for the command tree. */
export function completionScript(program: Command, shell: string): string {
  const top = program.commands.map((c) => c.name());
  const subs = program.commands.map((c) => `    ${c.name()}) words="${c.commands.map((s) => s.name()).join(" ")}" ;;`).join("\n");
  const body = `_flotilla() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${top.join(" ")} --url --api-key --json --output --help --version"
  else
    case \${COMP_WORDS[1]} in
${subs}
    *) words="" ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$words --json --output --help" -- "$cur"))
}
complete -F _flotilla flotilla
`;
  return shell === "zsh" ? `autoload -U +X bashcompinit && bashcompinit\n${body}` : body;
}
