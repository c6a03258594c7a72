package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type, constructor, method, field and enum constant of the API packages a library
 * user reads has a doc comment, and every record names each of its components with {@code @param}
 * (its accessors' documentation). The sources are parsed, not compiled, so the check takes seconds.
 * A method that overrides one (with {@code @Override}), and a record's accessor that implements a
 * method of the interface it is nested in, inherit their documentation.
 */
class DocCommentsTest {
  /** The packages of the public API (ARCHITECTURE.md, Public API) this test holds to it. */
  static final List<String> API_PACKAGES =
      List.of(
          "dev/rdpprobe",
          "dev/rdpprobe/trace",
          "dev/rdpprobe/facts",
          "dev/rdpprobe/report",
          "dev/rdpprobe/emulate",
          "dev/rdpprobe/transport",
          "dev/rdpprobe/tls");

  @Test
  void everyPublicMemberOfTheApiPackagesIsDocumented() throws IOException {
    Path root = Path.of("src/main/java");
    List<Path> files = new ArrayList<>();
    for (String pkg : API_PACKAGES) {
      try (Stream<Path> s = Files.list(root.resolve(pkg))) {
        s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> missing = new ArrayList<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fm,
                  null,
                  List.of("-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        new Checker(docs, unit, missing).scan(unit, null);
      }
    }
    assertTrue(
        missing.isEmpty(),
        missing.size()
            + " public members without documentation:\n  "
            + String.join("\n  ", missing));
    assertTrue(files.size() > 50, "the packages were read: " + files.size() + " files");
  }

  private static final class Checker extends TreePathScanner<Void, Void> {
    private final DocTrees docs;
    private final CompilationUnitTree unit;
    private final List<String> missing;

    Checker(DocTrees docs, CompilationUnitTree unit, List<String> missing) {
      this.docs = docs;
      this.unit = unit;
      this.missing = missing;
    }

    private boolean visible(ModifiersTree m, Tree member) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean inInterface =
          parent instanceof ClassTree c
              && (c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE);
      Set<Modifier> flags = m.getFlags();
      return flags.contains(Modifier.PUBLIC)
          || flags.contains(Modifier.PROTECTED)
          || (inInterface && !flags.contains(Modifier.PRIVATE));
    }

    /** Whether every enclosing type is public (a member of a hidden type is not API). */
    private boolean enclosedByPublic() {
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof ClassTree c) {
          Tree outer = p.getParentPath().getLeaf();
          boolean implicit = outer instanceof ClassTree o && o.getKind() == Tree.Kind.INTERFACE;
          if (!c.getModifiers().getFlags().contains(Modifier.PUBLIC) && !implicit) {
            return false;
          }
        }
      }
      return true;
    }

    private void need(String what) {
      DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
      if (doc == null || doc.getFullBody().isEmpty() && doc.getBlockTags().isEmpty()) {
        long line =
            unit.getLineMap()
                .getLineNumber(
                    docs.getSourcePositions().getStartPosition(unit, getCurrentPath().getLeaf()));
        missing.add(
            unit.getSourceFile().getName().replaceFirst(".*src/main/java/", "")
                + ":"
                + line
                + " "
                + what);
      }
    }

    @Override
    public Void visitClass(ClassTree c, Void v) {
      if (visible(c.getModifiers(), c) && enclosedByPublic()) {
        need(c.getKind().name().toLowerCase() + " " + c.getSimpleName());
        if (c.getKind() == Tree.Kind.RECORD) {
          DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
          List<String> params = new ArrayList<>();
          if (doc != null) {
            for (DocTree t : doc.getBlockTags()) {
              if (t instanceof ParamTree p) {
                params.add(p.getName().getName().toString());
              }
            }
          }
          // an accessor that implements a method of the enclosing interface has its documentation
          for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree outer && outer.getKind() == Tree.Kind.INTERFACE) {
              for (Tree m : outer.getMembers()) {
                if (m instanceof MethodTree method && method.getParameters().isEmpty()) {
                  params.add(method.getName().toString());
                }
              }
            }
          }
          for (Tree m : c.getMembers()) {
            // a record's components are its private final fields in the parsed tree
            if (m instanceof VariableTree f
                && !f.getModifiers().getFlags().contains(Modifier.STATIC)
                && !params.contains(f.getName().toString())) {
              missing.add(
                  unit.getSourceFile().getName().replaceFirst(".*src/main/java/", "")
                      + " record "
                      + c.getSimpleName()
                      + ": no @param for its component "
                      + f.getName());
            }
          }
        }
      }
      return super.visitClass(c, v);
    }

    @Override
    public Void visitMethod(MethodTree m, Void v) {
      boolean overrides =
          m.getModifiers().getAnnotations().stream()
              .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
      if (!overrides
          && !compactConstructor(m)
          && visible(m.getModifiers(), m)
          && enclosedByPublic()) {
        need("method " + m.getName());
      }
      return null; // nothing inside a method is API
    }

    /**
     * A record's compact constructor ({@code public Point {...}}): the canonical constructor, whose
     * parameters are the record's documented components.
     */
    private boolean compactConstructor(MethodTree m) {
      if (!m.getName().contentEquals("<init>") || m.getBody() == null) {
        return false;
      }
      try {
        var positions = docs.getSourcePositions();
        String head =
            unit.getSourceFile()
                .getCharContent(true)
                .subSequence(
                    (int) positions.getStartPosition(unit, m),
                    (int) positions.getStartPosition(unit, m.getBody()))
                .toString();
        return !head.contains("(");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public Void visitVariable(VariableTree f, Void v) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (parent instanceof ClassTree c && enclosedByPublic()) {
        boolean constant = c.getKind() == Tree.Kind.ENUM && f.getModifiers().getFlags().isEmpty();
        boolean component =
            c.getKind() == Tree.Kind.RECORD
                && !f.getModifiers().getFlags().contains(Modifier.STATIC);
        if (!component && (constant || visible(f.getModifiers(), f))) {
          need("field " + f.getName());
        }
      }
      return null;
    }
  }
}
