import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Writes the index that {@code Sockets.help(...)} prints from: the first sentence of the javadoc
 * of every public type and public method of the public package, read from the sources at build
 * time (the pom runs it after {@code compile}, with the JDK's own compiler API, nothing else).
 *
 * <pre>{@code java src/build/HelpIndex.java src/main/java/dev/sockets target/classes/dev/sockets/help.index}</pre>
 *
 * Why from the sources: JShell shows documentation only for the JDK's own classes (it reads the
 * JDK's src.zip), and a running program has no javadoc; so the words are taken here, once.
 * The output is sorted and has no date, so two builds of one commit write the same bytes.
 *
 * <p>Lines, tab-separated: {@code T <type> <kind> <first sentence>} for a type and
 * {@code M <type> <key> <shown signature> <first sentence>} for a method, where the key is the
 * name and the erased simple parameter types, as reflection spells them ({@code recv(int)}).
 */
public class HelpIndex {

    public static void main(String[] args) throws IOException {
        Path sources = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Path> files;
        try (Stream<Path> s = Files.list(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
        JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
        DocTrees docs = DocTrees.instance(task);
        TreeSet<String> lines = new TreeSet<>();
        for (CompilationUnitTree unit : task.parse()) {
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree) {
                    new HelpIndex(docs, unit, lines).type((ClassTree) t, new TreePath(new TreePath(unit), t), "", false);
                }
            }
        }
        Files.createDirectories(out.getParent());
        // Silent on success, as the compiler is: `mvn -q package` in the README's demo prints nothing of its own.
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private final DocTrees docs;
    private final CompilationUnitTree unit;
    private final TreeSet<String> lines;

    private HelpIndex(DocTrees docs, CompilationUnitTree unit, TreeSet<String> lines) {
        this.docs = docs;
        this.unit = unit;
        this.lines = lines;
    }

    private void type(ClassTree c, TreePath path, String outer, boolean inInterface) {
        if (!inInterface && !c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
            return;
        }
        String name = outer.isEmpty() ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
        Tree.Kind kind = c.getKind();
        boolean iface = kind == Tree.Kind.INTERFACE || kind == Tree.Kind.ANNOTATION_TYPE;
        DocCommentTree doc = docs.getDocCommentTree(path);
        lines.add(String.join("\t", "T", name, kind.name().toLowerCase(Locale.ROOT), first(doc)));
        Map<String, String> typeVars = new HashMap<>();
        for (TypeParameterTree tp : c.getTypeParameters()) {
            typeVars.put(tp.getName().toString(), bound(tp, typeVars));
        }
        if (kind.name().equals("RECORD")) {
            record(c, name, doc, typeVars);
        }
        if (kind == Tree.Kind.ENUM) {
            lines.add(String.join("\t", "M", name, "values()", name + "[] values()",
                    "The constants of this type, in the order they are declared."));
            lines.add(String.join("\t", "M", name, "valueOf(String)", name + " valueOf(String name)",
                    "The constant of this type with exactly this name."));
        }
        for (Tree member : c.getMembers()) {
            TreePath p = new TreePath(path, member);
            if (member instanceof ClassTree) {
                type((ClassTree) member, p, name, iface);
            } else if (member instanceof MethodTree) {
                method((MethodTree) member, p, name, iface, typeVars);
            }
        }
    }

    private void method(MethodTree m, TreePath path, String type, boolean iface, Map<String, String> typeVars) {
        ModifiersTree mods = m.getModifiers();
        boolean visible = mods.getFlags().contains(Modifier.PUBLIC) || iface && !mods.getFlags().contains(Modifier.PRIVATE);
        if (!visible || m.getName().contentEquals("<init>")) {
            return;
        }
        Map<String, String> vars = new HashMap<>(typeVars);
        for (TypeParameterTree tp : m.getTypeParameters()) {
            vars.put(tp.getName().toString(), bound(tp, vars));
        }
        List<String> erased = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        List<? extends VariableTree> params = m.getParameters();
        for (VariableTree p : params) {
            erased.add(erase(p.getType(), vars));
            // As the source writes it: "String... names" is called with plain arguments, "String[] names" is not.
            boolean varargs = p == params.get(params.size() - 1) && p.getType() instanceof ArrayTypeTree
                    && p.toString().matches("(?s).*\\.\\.\\.\\s*" + p.getName() + "$");
            shown.add(varargs ? show(((ArrayTypeTree) p.getType()).getType()) + "... " + p.getName()
                    : show(p.getType()) + " " + p.getName());
        }
        String key = m.getName() + "(" + String.join(",", erased) + ")";
        String signature = show(m.getReturnType()) + " " + m.getName() + "(" + String.join(", ", shown) + ")";
        if (!m.getTypeParameters().isEmpty()) {
            // As javadoc writes it: without <T>, "T option(SocketOption<T> option)" names a type that is nowhere.
            signature = m.getTypeParameters().stream().map(HelpIndex::show).collect(Collectors.joining(", ", "<", "> "))
                    + signature;
        }
        if (mods.getFlags().contains(Modifier.STATIC)) {
            signature = "static " + signature;
        }
        lines.add(String.join("\t", "M", type, key, signature, first(docs.getDocCommentTree(path))));
    }

    /** A record's accessors are implicit: their words are the record's {@code @param} tags. */
    private void record(ClassTree c, String name, DocCommentTree doc, Map<String, String> typeVars) {
        Map<String, String> params = new HashMap<>();
        if (doc != null) {
            for (DocTree tag : doc.getBlockTags()) {
                if (tag instanceof ParamTree && !((ParamTree) tag).isTypeParameter()) {
                    ParamTree p = (ParamTree) tag;
                    params.put(p.getName().getName().toString(), sentence(text(p.getDescription())));
                }
            }
        }
        for (Tree member : c.getMembers()) {
            // The compact parser keeps a record's components as fields (private final).
            if (member instanceof VariableTree) {
                VariableTree v = (VariableTree) member;
                if (v.getModifiers().getFlags().contains(Modifier.STATIC)) {
                    continue;
                }
                String n = v.getName().toString();
                String key = n + "()";
                String words = params.getOrDefault(n, "");
                lines.add(String.join("\t", "M", name, key, show(v.getType()) + " " + n + "()",
                        words.isEmpty() ? "The " + n + " component of this record." : words));
            }
        }
    }

    private static String bound(TypeParameterTree tp, Map<String, String> vars) {
        return tp.getBounds().isEmpty() ? "Object" : erase(tp.getBounds().get(0), vars);
    }

    /** The erased simple name reflection gives ({@code Class.getSimpleName}). */
    private static String erase(Tree t, Map<String, String> vars) {
        if (t instanceof PrimitiveTypeTree) {
            return t.toString();
        } else if (t instanceof ArrayTypeTree) {
            return erase(((ArrayTypeTree) t).getType(), vars) + "[]";
        } else if (t instanceof ParameterizedTypeTree) {
            return erase(((ParameterizedTypeTree) t).getType(), vars);
        } else if (t instanceof AnnotatedTypeTree) {
            return erase(((AnnotatedTypeTree) t).getUnderlyingType(), vars);
        } else if (t instanceof MemberSelectTree) {
            return ((MemberSelectTree) t).getIdentifier().toString();
        } else if (t instanceof IdentifierTree) {
            String n = ((IdentifierTree) t).getName().toString();
            return vars.getOrDefault(n, n);
        }
        return t.toString();
    }

    /** The type as the source writes it, without package names or annotations. */
    private static String show(Tree t) {
        if (t == null) {
            return "void";
        }
        if (t instanceof AnnotatedTypeTree) {
            return show(((AnnotatedTypeTree) t).getUnderlyingType());
        }
        return t.toString().replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])", "").replaceAll("@\\S+\\s+", "");
    }

    private String first(DocCommentTree doc) {
        if (doc == null) {
            return "";
        }
        return sentence(text(doc.getFirstSentence()));
    }

    private static String sentence(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The plain text of javadoc: code and links as their words, HTML tags dropped. */
    private static String text(List<? extends DocTree> trees) {
        StringBuilder b = new StringBuilder();
        for (DocTree d : trees) {
            if (d instanceof TextTree) {
                b.append(((TextTree) d).getBody());
            } else if (d instanceof LiteralTree) {
                b.append(((LiteralTree) d).getBody().getBody());
            } else if (d instanceof LinkTree) {
                LinkTree l = (LinkTree) d;
                if (!l.getLabel().isEmpty()) {
                    b.append(text(l.getLabel()));
                } else {
                    String ref = l.getReference().getSignature();
                    b.append(ref.startsWith("#") ? ref.substring(1) : ref.replace('#', '.'));
                }
            } else if (d instanceof EntityTree) {
                String e = ((EntityTree) d).getName().toString();
                b.append(e.equals("lt") ? "<" : e.equals("gt") ? ">" : e.equals("amp") ? "&"
                        : e.equals("nbsp") ? " " : "&" + e + ";");
            } else if (d.getKind() == DocTree.Kind.START_ELEMENT || d.getKind() == DocTree.Kind.END_ELEMENT) {
                continue;
            } else {
                b.append(d.toString());
            }
        }
        return b.toString().replace('\t', ' ');
    }
}
