package dev.recur.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import scala.jdk.javaapi.CollectionConverters;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's file scans skip files of zero bytes (they split into no pieces), so an empty file would vanish
 * from the results without a word. The file index of a binaryFile read already holds every matched file with
 * its length on the driver; this finds the empty ones there (no second listing) and gives them back as
 * binaryFile rows with empty content, so that the jobs report them like the CLI does.
 */
final class EmptyFiles {
    private EmptyFiles() {}

    /** Rows {@code (path, modificationTime, length, content)} for the empty files a binaryFile read matched. */
    static List<Row> of(Dataset<Row> binaryFiles) {
        List<Row> rows = new ArrayList<>();
        LogicalPlan plan = binaryFiles.queryExecution().analyzed();
        for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            if (!(leaf instanceof LogicalRelation lr) || !(lr.relation() instanceof HadoopFsRelation fs)
                    || !(fs.location() instanceof PartitioningAwareFileIndex index)) continue;
            // allFiles, not listFiles: listFiles leaves the empty files out too
            for (FileStatus f : CollectionConverters.asJava(index.allFiles())) {
                if (f.getLen() == 0 && f.isFile()) {
                    rows.add(RowFactory.create(f.getPath().toString(), new Timestamp(f.getModificationTime()), 0L, new byte[0]));
                }
            }
        }
        return rows;
    }
}
